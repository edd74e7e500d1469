from rest_framework import serializers

from .models import Address, Customer


class AddressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = ["street_address", "postal_code", "city", "state", "country"]


class CustomerSerializer(serializers.ModelSerializer):
    address = AddressSerializer()

    class Meta:
        model = Customer
        fields = ["email", "first_name", "last_name", "slug", "date_of_birth", "last_purchase_date",
                  "address"]
        read_only_fields = ["slug", "last_purchase_date"]

    def update(self, instance, validated_data):
        address_data = validated_data.pop("address", None)
        instance = super().update(instance, validated_data)  # saving recomputes the slug
        if address_data is not None:
            address = getattr(instance, "address", None)
            if address is None:
                instance.address = Address.objects.create(customer=instance, **address_data)
            else:
                self.fields["address"].update(address, address_data)
        return instance
