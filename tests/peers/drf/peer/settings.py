"""Settings of the DRF test peer (a real Django REST Framework backend for profilegw tests).

Environment:
  DRF_PEER_DB          required: SQLite file, or a directory that gets db.sqlite3 in it
  DRF_PEER_ERRORS      "standardized" renders errors like drf-standardized-errors; default plain DRF
  DRF_PEER_USER_RATE   UserRateThrottle rate of every app (per user); default "1000/min"
  DRF_PEER_DEBUG       "1" turns DEBUG on (default off, like production)
"""
import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_db = os.environ.get("DRF_PEER_DB")
if not _db:
    raise ImproperlyConfigured("DRF_PEER_DB must name the SQLite file (or a directory for it)")
if os.path.isdir(_db):
    _db = os.path.join(_db, "db.sqlite3")

# A test peer, not a deployment: a fixed key keeps JWTs verifiable across restarts.
SECRET_KEY = "drf-peer-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz"
DEBUG = os.environ.get("DRF_PEER_DEBUG") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    "customers",
    "shop",
    "v1rest",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "peer.urls"
WSGI_APPLICATION = "peer.wsgi.application"

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _db}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ar", "Arabic")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": {"user": os.environ.get("DRF_PEER_USER_RATE", "1000/min")},
}
if os.environ.get("DRF_PEER_ERRORS") == "standardized":
    REST_FRAMEWORK["EXCEPTION_HANDLER"] = "peer.exceptions.standardized_exception_handler"

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(days=1),
    "AUTH_HEADER_TYPES": ("Bearer",),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
