from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.throttling import UserRateThrottle
from rest_framework_simplejwt.authentication import JWTAuthentication

from .models import Customer
from .serializers import CustomerSerializer


class CurrentCustomerMixin:
    authentication_classes = [JWTAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserRateThrottle]
    serializer_class = CustomerSerializer

    def get_object(self):
        customers = Customer.objects.select_related("country", "wallet")
        return get_object_or_404(customers, user=self.request.user)


class CustomerMeView(CurrentCustomerMixin, generics.RetrieveAPIView):
    """GET /api/customers/me/"""


class CustomerMeUpdateView(CurrentCustomerMixin, generics.UpdateAPIView):
    """PATCH /api/customers/me/update/ (JSON only)"""

    parser_classes = [JSONParser]
    http_method_names = ["patch", "options"]
