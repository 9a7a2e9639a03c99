"""One exception handler: every refusal is JSON with the sentence the web page would show.

A service's refusal (an illegal transition, a missing checklist answer) is 409; a
Django ValidationError from a model or service is 400 with its field messages;
nothing a client sends becomes a 500.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.api.refusals import Refused
from accounts.errors import NotPermitted, ServiceRefused

# The services' refusals share one base class (accounts/errors.py). A role that may
# not act is a 403 with the sentence; a move the state forbids is a 409.
SERVICE_REFUSALS: tuple[type[Exception], ...] = (ServiceRefused, Refused)


def refusal_message(error: Exception) -> str:
    return getattr(error, "message", "") or str(error) or gettext("This is not allowed now.")


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, NotPermitted):
        return Response(
            {"detail": refusal_message(exc), "code": "permission_denied"},
            status=status.HTTP_403_FORBIDDEN,
        )
    if isinstance(exc, SERVICE_REFUSALS):
        return Response(
            {"detail": refusal_message(exc), "code": "not_allowed"},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied) and str(exc):
        # DRF's own handler would replace the service's sentence with a generic one.
        exc = exceptions.PermissionDenied(str(exc))
    return exception_handler(exc, context)
