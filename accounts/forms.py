from django.contrib.auth.forms import PasswordResetForm

from .emails import send_templated_email


class SectionPasswordResetForm(PasswordResetForm):
    """Django's reset form, its message built like every other e-mail (accounts/emails.py)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None) -> None:  # fmt: skip
        send_templated_email(template="password_reset", context=context, to=[to_email])
