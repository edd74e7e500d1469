from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify


class Customer(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="v1_customer")
    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=50, blank=True)
    last_name = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=110, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    last_purchase_date = models.DateTimeField(null=True, blank=True)

    def save(self, *args, **kwargs):
        self.slug = slugify(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    def __str__(self):
        return self.email


class Address(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="address")
    street_address = models.CharField(max_length=30)
    # The range PostgreSQL gives a PositiveIntegerField; SQLite enforces none (a negative value would
    # be an IntegrityError, i.e. a 500), so spell it out to behave like a production backend.
    postal_code = models.PositiveIntegerField(validators=[MinValueValidator(0), MaxValueValidator(2147483647)])
    city = models.CharField(max_length=50)
    state = models.CharField(max_length=50)
    country = models.CharField(max_length=30, validators=[MinLengthValidator(4)])

    class Meta:
        verbose_name_plural = "addresses"
