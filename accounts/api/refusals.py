from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError

T = TypeVar("T")


class Refused(Exception):
    """A service said no with a ValidationError (the mailing services do): the API
    answers 409 with its sentence, like any other refusal (config/api_errors.py)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusing(call: Callable[[], T]) -> T:
    try:
        return call()
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
