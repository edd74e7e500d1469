from django.urls import include, path

urlpatterns = [
    path("api/customers/", include("customers.urls")),
    path("api/shop/", include("shop.urls")),
    path("api/v1/", include("v1rest.urls")),
]
