"""Follow-up reminders: one digest per user per day, and each user's calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReminderDigest(models.Model):
    """Proof that a user's digest for a day went out: the unique row makes a second
    run of the daily job (or two beat processes) send nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_digests",
        verbose_name=_("user"),
    )
    date = models.DateField(verbose_name=_("date"))
    item_count = models.PositiveIntegerField(default=0, verbose_name=_("item count"))
    sent_at = models.DateTimeField(auto_now_add=True, verbose_name=_("sent at"))
    # Why it did not go out when the failure is not passing (the mail server refused our
    # login): the row stays, so nothing retries it for hours, and the admin shows why.
    error = models.TextField(blank=True, editable=False, verbose_name=_("error"))

    class Meta:
        verbose_name = _("reminder digest")
        verbose_name_plural = _("reminder digests")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_reminder_digest_per_day")
        ]

    def __str__(self) -> str:
        return gettext("Reminders for %(user)s on %(date)s") % {
            "user": self.user,
            "date": date_format(self.date),
        }

    @property
    def failed(self) -> bool:
        return bool(self.error)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, verbose_name=_("token")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return gettext("Calendar feed of %(user)s") % {"user": self.user}
