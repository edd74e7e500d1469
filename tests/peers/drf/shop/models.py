from django.conf import settings
from django.db import models


class ShopCustomer(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", "Male"
        FEMALE = "female", "Female"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shop_customer")
    username = models.CharField(max_length=150, unique=True)
    mobile_number = models.CharField(max_length=20, unique=True)
    email = models.EmailField(blank=True)
    avatar = models.URLField(max_length=500, null=True, blank=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    gender = models.CharField(max_length=6, choices=Gender.choices, blank=True)
    is_profile_completed = models.BooleanField(default=False)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def save(self, *args, **kwargs):
        self.is_profile_completed = bool(self.first_name and self.last_name and self.gender)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.username
