from rest_framework import serializers

from .models import ShopCustomer


class ShopCustomerSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = ShopCustomer
        fields = ["id", "username", "mobile_number", "email", "avatar", "first_name", "last_name",
                  "full_name", "gender", "is_profile_completed"]
        read_only_fields = ["mobile_number", "email", "is_profile_completed"]
