from django.urls import path

from . import views

urlpatterns = [
    path("customers/me", views.ShopCustomerMeView.as_view(), name="shop-customer-me"),
]
