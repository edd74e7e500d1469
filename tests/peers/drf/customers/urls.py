from django.urls import path

from . import views

urlpatterns = [
    path("me/", views.CustomerMeView.as_view(), name="customer-me"),
    path("me/update/", views.CustomerMeUpdateView.as_view(), name="customer-me-update"),
]
