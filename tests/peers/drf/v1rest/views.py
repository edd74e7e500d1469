from rest_framework import generics
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.throttling import UserRateThrottle
from rest_framework_simplejwt.authentication import JWTAuthentication

from .models import Customer
from .serializers import CustomerSerializer


class IsOwner(BasePermission):
    """Only the customer who owns the account may see or update it."""

    def has_object_permission(self, request, view, obj):
        return obj.user_id == request.user.id


class CustomerDetailView(generics.RetrieveUpdateAPIView):
    """GET and PUT /api/v1/customers/<id>/ (PUT replaces the record, nested address included)"""

    queryset = Customer.objects.select_related("address")
    serializer_class = CustomerSerializer
    authentication_classes = [JWTAuthentication]
    permission_classes = [IsAuthenticated, IsOwner]
    throttle_classes = [UserRateThrottle]  # one DRF_PEER_USER_RATE for every app
    http_method_names = ["get", "put", "head", "options"]
