"""The messages of a mailing: Markdown, signed contact links, and fast per-recipient builds.

Templates are rendered once per mailing with placeholders for what differs per
recipient (name, links). For SMTP the MIME bytes are even built once per batch
and only the placeholders are replaced per recipient: building a multipart
message with Python's email package costs more than sending it.
"""

import copy
import html
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from accounts.emails import (
    RenderedEmail,
    build_email,
    can_send_raw,
    message_id_domain,
    render_email,
)
from outreach.models import Contact, Delivery, Mailing, MailingKind, UrgentAction
from outreach.rendering import render_markdown

PREFERENCES_SALT = "outreach.contact-preferences"

# Placeholders: ASCII, and unlikely in any real text.
NAME_SLOT = "%%PD-NAME%%"
HTML_NAME_SLOT = "%%PD-NAME-HTML%%"
PREFERENCES_SLOT = "%%PD-PREFERENCES%%"
UNSUBSCRIBE_SLOT = "%%PD-UNSUBSCRIBE%%"
TO_SLOT = "pd-recipient@slot.invalid"
MESSAGE_ID_SLOT = "<pd-message-id@slot.invalid>"


# ---------------------------------------------------------------------------
# Markdown


def markdown_to_html(source: str) -> str:
    """Markdown rendered and then cleaned: a UA body never carries script or styles."""
    return render_markdown(source)


_BLOCK_END = re.compile(r"</(p|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)


def markdown_to_text(source: str) -> str:
    """A plain-text rendering: paragraphs and list items on their own lines, links kept."""
    rendered = markdown_to_html(source)
    rendered = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", rendered)
    rendered = re.sub(r"<li>", "- ", rendered, flags=re.IGNORECASE)
    rendered = re.sub(r"</li>\s*", "\n", rendered, flags=re.IGNORECASE)
    rendered = _BLOCK_END.sub("\n", rendered)
    text = html.unescape(strip_tags(rendered))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ---------------------------------------------------------------------------
# Signed links for contacts (no expiry: an old e-mail's link must still work)


def contact_token(contact_id: int) -> str:
    return signing.Signer(salt=PREFERENCES_SALT).sign(str(contact_id))


def contact_from_token(token: str) -> Contact | None:
    try:
        contact_id = int(signing.Signer(salt=PREFERENCES_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return Contact.objects.filter(pk=contact_id).first()


_TOKEN = "pd-token-slot"


@lru_cache(maxsize=8)
def _link_template(url_name: str, site_url: str) -> str:
    # reverse() once; per recipient only the token changes (a signed token is
    # made of URL-safe characters and ':', which reverse() leaves as they are).
    return site_url + reverse(url_name, args=[_TOKEN])


def _signed_link(url_name: str, token: str) -> str:
    return _link_template(url_name, settings.SITE_URL).replace(_TOKEN, token)


def unsubscribe_url(contact_id: int) -> str:
    return _signed_link("outreach:unsubscribe", contact_token(contact_id))


# ---------------------------------------------------------------------------
# Content rendered once per mailing


@dataclass(frozen=True)
class MailingContent:
    subject: str
    text: str
    html: str
    message_id_domain: str
    mailing_id: int = 0
    created_at: datetime | None = None


def _in_language(ua: UrgentAction, language: str) -> tuple[UrgentAction, str]:
    """The UA as written in `language` when a translation exists, and the language
    the whole message is then written in; the original otherwise."""
    found = ua.translations.filter(language=language).first() if language else None
    if found is None:
        return ua, settings.LANGUAGE_CODE
    translated = copy.copy(ua)
    translated.title, translated.summary, translated.body = found.title, found.summary, found.body
    return translated, language


@lru_cache(maxsize=64)
def _render_content(mailing_id: int, created_at: datetime, language: str = "") -> MailingContent:
    mailing = Mailing.objects.select_related("urgent_action").get(pk=mailing_id)
    ua, language = _in_language(mailing.urgent_action, language)
    context = {
        "ua": ua,
        "mailing": mailing,
        "is_follow_up": mailing.kind != MailingKind.ISSUED,
        "body_html": ua.body_html or markdown_to_html(ua.body),
        "body_text": markdown_to_text(ua.body),
        "note_html": markdown_to_html(mailing.note),
        "note_text": markdown_to_text(mailing.note),
        "recipient_name": NAME_SLOT,
        "preferences_url": PREFERENCES_SLOT,
        "unsubscribe_url": UNSUBSCRIBE_SLOT,
    }
    with translation.override(language):
        text = render_email("urgent_action", context)
        # The HTML part gets the escaped name: its own placeholder.
        html = render_email("urgent_action", {**context, "recipient_name": HTML_NAME_SLOT})
    return MailingContent(
        subject=text.subject,
        text=text.text,
        html=html.html,
        message_id_domain=message_id_domain(),
        mailing_id=mailing_id,
        created_at=created_at,
    )


def mailing_content(mailing: Mailing, language: str = "") -> MailingContent:
    # Keyed by creation time too, so a reused id (tests) never gets stale content.
    return _render_content(mailing.pk, mailing.created_at, language)


# ---------------------------------------------------------------------------
# Per-recipient messages


def delivery_message_id(delivery: Delivery, domain: str) -> str:
    """Stable per delivery, so a resent message is recognisably the same one."""
    return f"<ua-delivery-{delivery.pk}.{delivery.mailing_id}@{domain}>"


def _recipient_values(delivery: Delivery, content: MailingContent) -> dict[str, str]:
    contact = delivery.contact
    name = contact.first_name or str(contact) or "friend"
    token = contact_token(contact.pk)
    return {
        NAME_SLOT: name,
        HTML_NAME_SLOT: html.escape(name),
        PREFERENCES_SLOT: _signed_link("outreach:preferences", token),
        UNSUBSCRIBE_SLOT: _signed_link("outreach:unsubscribe", token),
        TO_SLOT: contact.email,
        MESSAGE_ID_SLOT: delivery_message_id(delivery, content.message_id_domain),
    }


def _fill(template: str, values: dict[str, str]) -> str:
    for slot, value in values.items():
        template = template.replace(slot, value)
    return template


def _email(
    content: MailingContent, values: dict[str, str], connection: BaseEmailBackend | None
) -> EmailMultiAlternatives:
    rendered = RenderedEmail(
        subject=content.subject, text=_fill(content.text, values), html=_fill(content.html, values)
    )
    return build_email(
        rendered,
        to=[values[TO_SLOT]],
        connection=connection,
        headers={
            "Message-ID": values[MESSAGE_ID_SLOT],
            "List-Unsubscribe": f"<{values[UNSUBSCRIBE_SLOT]}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


class BatchMessages:
    """Sends a batch's messages through a Django e-mail backend.

    With our SMTP backend the MIME bytes are built once per batch with
    placeholders and only the recipient's values are filled in; the bytes go
    through its public `send_raw`. Any other backend (anymail, locmem, files)
    gets an ordinary EmailMultiAlternatives per recipient."""

    def __init__(self, content: MailingContent, connection: BaseEmailBackend) -> None:
        self.content = content
        self.connection = connection
        # One rendering per contact language, built when its first recipient comes.
        self.versions: dict[str, tuple[MailingContent, bytes | None]] = {
            "": (content, self._mime_template(content))
        }

    def _mime_template(self, content: MailingContent) -> bytes | None:
        if not can_send_raw(self.connection):
            return None
        slots = (NAME_SLOT, HTML_NAME_SLOT, PREFERENCES_SLOT, UNSUBSCRIBE_SLOT, TO_SLOT)
        identity = {slot: slot for slot in (*slots, MESSAGE_ID_SLOT)}
        mime = _email(content, identity, self.connection).message().as_bytes(linesep="\r\n")  # type: ignore[call-arg]
        # Placeholders can be replaced in raw bytes only when the parts are not
        # transfer-encoded (long lines make Django choose quoted-printable).
        if b"quoted-printable" in mime or b"base64" in mime:
            return None
        return mime

    def _version(self, language: str) -> tuple[MailingContent, bytes | None]:
        if language not in self.versions:
            if not self.content.mailing_id:
                return self.versions[""]
            content = _render_content(self.content.mailing_id, self.content.created_at, language)
            self.versions[language] = (content, self._mime_template(content))
        return self.versions[language]

    def send(self, delivery: Delivery) -> None:
        content, template = self._version(delivery.contact.language)
        values = _recipient_values(delivery, content)
        connection = self.connection
        ascii_only = all(value.isascii() for value in values.values())
        if template is None or not ascii_only or not can_send_raw(connection):
            connection.send_messages([_email(content, values, connection)])
            return
        raw = template
        for slot, value in values.items():
            raw = raw.replace(slot.encode(), value.encode())
        connection.send_raw(recipients=[values[TO_SLOT]], message=raw)
