from django.conf import settings
from django.db import models


class Country(models.Model):
    class Code(models.TextChoices):
        EG = "EG", "Egypt"
        SA = "SA", "Saudi Arabia"
        AE = "AE", "United Arab Emirates"
        KW = "KW", "Kuwait"
        QA = "QA", "Qatar"
        OM = "OM", "Oman"
        BH = "BH", "Bahrain"

    code = models.CharField(max_length=2, choices=Code.choices, unique=True)
    flag = models.URLField()
    phone_code = models.CharField("Number Code", max_length=4)
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "countries"

    def __str__(self):
        return self.code


class Customer(models.Model):
    class Gender(models.TextChoices):
        MALE = "M", "Male"
        FEMALE = "F", "Female"
        NOT_SELECTED = "NS", "Not Selected"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        ARABIC = "ar", "Arabic"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="customer")
    phone_number = models.CharField(max_length=128, unique=True,
                                    help_text="Should start with country code as (+966)")
    full_name = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)
    image = models.URLField(null=True, blank=True)
    gender = models.CharField(max_length=2, choices=Gender.choices, default=Gender.NOT_SELECTED)
    birth_date = models.DateField(null=True, blank=True)
    primary_address = models.IntegerField(null=True, blank=True)
    is_profile_completed = models.BooleanField(default=False)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="customers")

    def save(self, *args, **kwargs):
        self.is_profile_completed = bool(self.full_name and self.email and self.birth_date)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.phone_number


class Wallet(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="wallet")
    balance = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    balance_currency = models.CharField(max_length=3, default="SAR")
    is_use_wallet_in_payment = models.BooleanField(default=True)
