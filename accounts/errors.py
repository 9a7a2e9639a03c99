"""One exception for a service call the rules refuse, and one way to show it.

A service that refuses raises `ServiceRefused` (or a subclass) with a sentence
written for the person who tried. Callers that must tell refusals apart catch a
subclass: `NotPermitted` (the user's role may not do this; also a
PermissionDenied, so an uncaught one is a 403) and `NotPossible` (not in this
state, or the input breaks a rule; also a ValidationError, so form code and old
callers keep working). Partnership requests raise `TransitionNotAllowed`, a
subclass kept for its callers.

Views show a refusal with `refusal_as_message` (one-shot POST actions) or
`ServiceFormMixin` (forms); the API maps the same classes to status codes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


class ServiceRefused(Exception):
    """A move the rules forbid; `message` is written for the person who tried it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotPermitted(ServiceRefused, PermissionDenied):
    """The user's role may not do this at all."""


class NotPossible(ServiceRefused, ValidationError):  # type: ignore[misc]
    """Not now, or not with this input: the state or a rule of DOMAIN.md stands in the way."""


def refusal_status(error: ServiceRefused) -> int:
    """The HTTP status an API answers a refusal with (one DRF exception handler asks it):
    403 when the role may not; 400 for NotPossible (it is a ValidationError); 409 for
    the other refusals, a state machine's (TransitionNotAllowed)."""
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, ValidationError):
        return 400
    return 409


def refusal_text(error: ServiceRefused | ValidationError) -> str:
    if isinstance(error, ServiceRefused):
        return error.message
    return " ".join(error.messages)  # a model's full_clean() inside the service


@dataclass
class Outcome:
    """What `refusal_as_message` learnt; set `success` inside the block to change the message."""

    success: str = ""
    refused: bool = False


@contextmanager
def refusal_as_message(request: HttpRequest, success: str = "") -> Iterator[Outcome]:
    """Run a service call; a refusal becomes an error message, success a success message.

    with refusal_as_message(request, "Cancelled.") as outcome:
        services.urgent_action_cancel(urgent_action=ua, user=request.user)
    if outcome.refused: ...
    """
    outcome = Outcome(success=success)
    try:
        yield outcome
    except (ServiceRefused, ValidationError) as error:
        outcome.refused = True
        messages.error(request, refusal_text(error))
    else:
        if outcome.success:
            messages.success(request, outcome.success)


class ServiceFormMixin:
    """Hands a valid form to a service through `perform(form)`, which returns the success
    message and where to go next; a refusal the service raises shows on the form."""

    def perform(self, form) -> tuple[str, str]:
        raise NotImplementedError

    def form_valid(self, form) -> HttpResponse:
        try:
            message, url = self.perform(form)
        except (ServiceRefused, ValidationError) as error:
            # A ValidationError keeps its fields (a model's full_clean inside the service).
            form.add_error(None, error if isinstance(error, ValidationError) else error.message)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        messages.success(self.request, message)  # type: ignore[attr-defined]
        return redirect(url)
