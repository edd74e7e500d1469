from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.throttling import UserRateThrottle

from .models import ShopCustomer
from .serializers import ShopCustomerSerializer


class ShopCustomerMeView(generics.RetrieveUpdateAPIView):
    """GET and PATCH /api/shop/customers/me (Authorization: Token <key>)"""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserRateThrottle]  # one DRF_PEER_USER_RATE for every app
    serializer_class = ShopCustomerSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return get_object_or_404(ShopCustomer, user=self.request.user)
