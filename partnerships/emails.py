"""Every e-mail is a subject / plain text / HTML trio under templates/emails/."""

from collections.abc import Sequence

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
