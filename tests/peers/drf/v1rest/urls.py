from django.urls import path

from . import views

urlpatterns = [
    path("customers/<int:pk>/", views.CustomerDetailView.as_view(), name="v1-customer-detail"),
]
