"""Create the peer's deterministic customers and print their credentials as one JSON object.

Idempotent: running it again resets the seeded records and issues fresh JWTs.
"""
import datetime
import hashlib
import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.tokens import AccessToken

from customers.models import Country, Customer, Wallet
from shop.models import ShopCustomer
from v1rest.models import Address, Customer as V1Customer

COUNTRIES = [
    ("SA", "Saudi Arabia", "+966"),
    ("EG", "Egypt", "+20"),
    ("AE", "United Arab Emirates", "+971"),
]

DJANGO_CUSTOMERS = {
    "alice": dict(id=42, phone_number="+966500000000", full_name="John Doe", email="john.doe@example.com",
                  gender="M", birth_date=datetime.date(1990, 1, 1), language="en", country="SA",
                  wallet=dict(balance="0.00", balance_currency="SAR", is_use_wallet_in_payment=True)),
    "bob": dict(id=43, phone_number="+201001234567", full_name="Sara Ahmed", email="",
                gender="F", birth_date=None, language="ar", country="EG",
                wallet=dict(balance="150.75", balance_currency="EGP", is_use_wallet_in_payment=False)),
}

SHOP_CUSTOMERS = {
    "carol": dict(id=1, username="behrooz3500", mobile_number="09308744204", email="behrooz21@hotmail.com",
                  avatar="http://127.0.0.1:8000/media/users/avatars/photo22132188258.jpg",
                  first_name="behrooz", last_name="ghorbanie", gender="male"),
    "dave": dict(id=2, username="sara_k", mobile_number="09121234567", email="sara.k@example.com",
                 avatar=None, first_name="Sara", last_name="", gender=""),
}

V1REST_CUSTOMERS = {
    "erin": dict(id=123, email="customer@example.com", first_name="John", last_name="Doe",
                 date_of_birth=datetime.date(1990, 1, 15),
                 last_purchase_date=datetime.datetime(2024, 3, 1, 12, 30, tzinfo=datetime.timezone.utc),
                 address=dict(street_address="456 Oak Avenue", postal_code=54321, city="Los Angeles",
                              state="California", country="United States")),
    "frank": dict(id=124, email="frank.miller@example.com", first_name="Frank", last_name="Miller",
                  date_of_birth=None, last_purchase_date=None,
                  address=dict(street_address="12 Elm Street", postal_code=10001, city="New York",
                               state="New York", country="United States")),
}


def make_user(username):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.set_unusable_password()
    user.save()
    return user


def jwt_pair(user):
    access = AccessToken.for_user(user)
    expired = AccessToken.for_user(user)
    expired.set_exp(from_time=datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=2),
                    lifetime=datetime.timedelta(hours=1))
    return {"access": str(access), "expired": str(expired)}


class Command(BaseCommand):
    help = "Seed deterministic customers and print their credentials as JSON."

    @transaction.atomic
    def handle(self, *args, **options):
        countries = {}
        for code, name, phone_code in COUNTRIES:
            countries[code], _ = Country.objects.update_or_create(
                code=code, defaults={"name": name, "phone_code": phone_code,
                                     "flag": f"https://flagcdn.com/{code.lower()}.svg"})

        result = {"django": {}, "shop": {}, "v1rest": {}}

        for username, spec in DJANGO_CUSTOMERS.items():
            spec = dict(spec)
            user = make_user(username)
            pk, wallet = spec.pop("id"), spec.pop("wallet")
            spec["country"] = countries[spec["country"]]
            customer, _ = Customer.objects.update_or_create(id=pk, defaults={"user": user, **spec})
            Wallet.objects.update_or_create(customer=customer, defaults=wallet)
            result["django"][username] = {"id": pk, **jwt_pair(user)}

        for username, spec in SHOP_CUSTOMERS.items():
            spec = dict(spec)
            user = make_user(username)
            pk = spec.pop("id")
            ShopCustomer.objects.update_or_create(id=pk, defaults={"user": user, **spec})
            key = hashlib.sha1(f"profilegw-shop-{username}".encode()).hexdigest()
            Token.objects.filter(user=user).exclude(key=key).delete()
            Token.objects.get_or_create(user=user, key=key)
            result["shop"][username] = {"id": pk, "token": key}

        for username, spec in V1REST_CUSTOMERS.items():
            spec = dict(spec)
            user = make_user(username)
            pk, address = spec.pop("id"), spec.pop("address")
            customer, _ = V1Customer.objects.update_or_create(id=pk, defaults={"user": user, **spec})
            Address.objects.update_or_create(customer=customer, defaults=address)
            result["v1rest"][username] = {"id": pk, **jwt_pair(user)}

        self.stdout.write(json.dumps(result, indent=2))
