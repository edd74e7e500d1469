from rest_framework import serializers

from .models import Country, Customer, Wallet


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "flag", "phone_code", "name"]


class WalletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Wallet
        fields = ["balance", "balance_currency", "is_use_wallet_in_payment"]


class CustomerSerializer(serializers.ModelSerializer):
    country = CountrySerializer(read_only=True)
    wallet = WalletSerializer(read_only=True)

    class Meta:
        model = Customer
        fields = ["id", "phone_number", "full_name", "email", "image", "gender", "birth_date",
                  "primary_address", "is_profile_completed", "language", "country", "wallet"]
        read_only_fields = ["phone_number", "image", "is_profile_completed"]
