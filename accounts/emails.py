"""Every e-mail Partnerdesk sends is built here (as healthchecks' hc/lib/emails.py).

A message is a trio of templates, `emails/<name>_subject.txt`, `<name>_body.txt`
and `<name>_body.html`, rendered with the same context (plus `site_url`), sent
from the Section's address. Plain-text templates wrap themselves in
`{% autoescape off %}` (a test checks it): `&#x27;` has no place in a subject.

Request updates, reminder digests, Urgent Actions and the password reset all
use `render_email` and `build_email`; the UA fast path then sends prebuilt MIME
bytes through `SMTPBackend.send_raw`, the one public seam into SMTP.
"""

import logging
import smtplib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeGuard
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends import smtp
from django.core.mail.message import sanitize_address
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class MailServerRefusedLogin(Exception):
    """SMTP authentication failed: a configuration fault, not a passing one. Not an
    OSError on purpose, so no task's `autoretry_for=(OSError,)` retries it for hours."""


def open_connection(connection) -> None:
    """Open a backend's connection; a refused login fails fast, with a log an admin reads."""
    try:
        connection.open()
    except smtplib.SMTPAuthenticationError as error:
        logger.error("The mail server refused Partnerdesk's login (%s): check EMAIL_URL.", error)
        raise MailServerRefusedLogin(str(error)) from error


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def section_sender() -> str:
    """The Section's sender address (From: and the SMTP envelope)."""
    return settings.DEFAULT_FROM_EMAIL


def message_id_domain() -> str:
    """The right-hand side of the stable Message-IDs we give messages a resend may repeat."""
    return urlsplit(settings.SITE_URL).hostname or "partnerdesk.invalid"


def absolute_url(path: str) -> str:
    """A link for a message: e-mail has no request to build it from."""
    return f"{settings.SITE_URL}{path}"


def render_email(template: str, context: Mapping) -> RenderedEmail:
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    return RenderedEmail(
        subject=" ".join(subject.split()),  # a header is one line
        text=render_to_string(f"emails/{template}_body.txt", context),
        html=render_to_string(f"emails/{template}_body.html", context),
    )


def build_email(
    rendered: RenderedEmail,
    *,
    to: Sequence[str],
    headers: Mapping[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=section_sender(),
        to=list(to),
        headers=dict(headers or {}),
        connection=connection,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def send_templated_email(
    *, template: str, context: Mapping, to: Sequence[str], headers: Mapping[str, str] | None = None
) -> int:
    """Render emails/<template>_* and send one message; returns the number sent (0 or 1)."""
    return send_now(build_email(render_email(template, context), to=to, headers=headers))


def send_now(message: EmailMultiAlternatives) -> int:
    """Send over a connection of our own. Once the server accepted the message, a
    fault while closing is not a failed send: it must not make a retry send it again."""
    connection = message.connection or get_connection()
    open_connection(connection)
    try:
        return connection.send_messages([message])
    finally:
        with suppress(OSError):
            connection.close()


@lru_cache(maxsize=8)
def _envelope_sender(address: str) -> str:
    # Parsing the address costs more than the SMTP exchange of a short message
    # (issue 15's profile): once per sender address, not once per message.
    return sanitize_address(address, "utf-8")


class SMTPBackend(smtp.EmailBackend):
    """Django's SMTP backend with one public addition: sending prebuilt MIME bytes.

    EMAIL_URL=smtp://... selects it (config/settings/base.py)."""

    def send_raw(self, *, recipients: Sequence[str], message: bytes) -> None:
        """Send bytes built once for many recipients (the UA batch); errors propagate."""
        with self._lock:
            if self.connection is None:
                self.open()
            envelope_from = _envelope_sender(section_sender())
            assert self.connection is not None  # open() raised otherwise
            self.connection.sendmail(envelope_from, list(recipients), message)


def can_send_raw(connection: object) -> TypeGuard[SMTPBackend]:
    return isinstance(connection, SMTPBackend)


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
