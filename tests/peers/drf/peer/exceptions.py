"""Errors in the drf-standardized-errors format (enabled by DRF_PEER_ERRORS=standardized).

    {"type": "validation_error",
     "errors": [{"code": "invalid_choice", "detail": "\"X\" is not a valid choice.", "attr": "gender"}]}

type is validation_error, client_error (other 4xx) or server_error; nested attrs are joined with
"." (list items by index); non-validation errors have "attr": null. Like the real package, Django's
Http404/PermissionDenied become their DRF twins and any other exception a 500 server_error.
"""
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback


def flatten(detail, attr=None):
    if isinstance(detail, dict):
        return [error for key, value in detail.items()
                for error in flatten(value, f"{attr}.{key}" if attr else str(key))]
    if isinstance(detail, list):
        errors = []
        for index, item in enumerate(detail):
            if isinstance(item, (dict, list)):
                errors += flatten(item, f"{attr}.{index}" if attr else str(index))
            else:
                errors += flatten(item, attr)
        return errors
    return [{"code": getattr(detail, "code", "error"), "detail": str(detail), "attr": attr}]


def standardized_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif not isinstance(exc, exceptions.APIException):
        if settings.DEBUG:
            return None  # let Django show the traceback
        exc = exceptions.APIException(detail=str(exc))

    if isinstance(exc, exceptions.ValidationError):
        error_type = "validation_error"
    elif 400 <= exc.status_code < 500:
        error_type = "client_error"
    else:
        error_type = "server_error"

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = "%d" % exc.wait

    set_rollback()
    data = {"type": error_type, "errors": flatten(exc.detail)}
    return Response(data, status=exc.status_code, headers=headers)
