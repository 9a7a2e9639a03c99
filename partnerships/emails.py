"""Every e-mail is a subject / plain text / HTML trio under templates/emails/."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_email(*, template: str, context: dict, to: Sequence[str]) -> int:
    """Render emails/<template>_{subject.txt,body.txt,body.html} and send one message."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # a header must be one line
        body=render_to_string(f"emails/{template}_body.txt", context),
        to=list(to),
    )
    message.attach_alternative(
        render_to_string(f"emails/{template}_body.html", context), "text/html"
    )
    return message.send()


# Demo data goes through the real services, which tell groups about decisions by mail:
# seeding must never send or queue any. A context variable, so it holds for one thread.
_suppressed: ContextVar[bool] = ContextVar("notifications_suppressed", default=False)


@contextmanager
def notifications_suppressed() -> Iterator[None]:
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def notifications_are_suppressed() -> bool:
    return _suppressed.get()
