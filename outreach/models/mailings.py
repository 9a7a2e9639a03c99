"""Urgent Actions and their mailings: one Mailing per send, one Delivery per recipient."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .contacts import Contact, ContactRelatedQuerySet
from .sectors import Keyword, Sector


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    IMMEDIATE = "immediate", _("Immediate")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / non-binary")


class UrgentActionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class UrgentAction(models.Model):
    """A short, clear appeal about a person at risk (seed 001), categorised for matching."""

    reference = models.CharField(
        max_length=40, unique=True, help_text=_("e.g. UA 123/26"), verbose_name=_("reference")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    summary = models.TextField(max_length=1000, verbose_name=_("summary"))
    body = models.TextField(
        help_text=_("Markdown: **bold**, *italic*, lists, links."), verbose_name=_("body")
    )
    # The body rendered once when saved (outreach.rendering): pages and mails reuse it.
    body_html = models.TextField(blank=True, editable=False, verbose_name=_("body html"))
    # The manual's categories; contacts match on any of them (see selectors).
    countries = CountryField(multiple=True, blank=True, verbose_name=_("countries"))
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="urgent_actions", verbose_name=_("themes / sectors")
    )
    occupations = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. lawyer, journalist"),
        verbose_name=_("occupations"),
    )
    gender = models.CharField(
        max_length=10, choices=Gender.choices, blank=True, verbose_name=_("gender")
    )
    keywords = models.ManyToManyField(
        Keyword, blank=True, related_name="urgent_actions", verbose_name=_("keywords")
    )
    urgency = models.CharField(
        max_length=10, choices=Urgency.choices, default=Urgency.HIGH, verbose_name=_("urgency")
    )
    issued_on = models.DateField(null=True, blank=True, verbose_name=_("issued on"))
    status = models.CharField(
        max_length=10,
        choices=UrgentActionStatus.choices,
        default=UrgentActionStatus.DRAFT,
        db_index=True,
        verbose_name=_("status"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(null=True, blank=True, verbose_name=_("approved at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("urgent action")
        verbose_name_plural = _("urgent actions")
        ordering = ["-created_at"]
        constraints = [
            # A draft may be cancelled before anyone approved it.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "cancelled"]) | Q(approved_by__isnull=False),
                name="urgentaction_approved_has_approver",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def occupation_list(self) -> list[str]:
        return [part.strip() for part in self.occupations.split(",") if part.strip()]


class UrgentActionTranslation(models.Model):
    """The UA in another language; mail to a contact uses it when it exists, the
    original (in the Section's language) otherwise."""

    urgent_action = models.ForeignKey(
        UrgentAction,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("urgent action"),
    )
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, verbose_name=_("language")
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    summary = models.TextField(max_length=1000, verbose_name=_("summary"))
    body = models.TextField(
        help_text=_("Markdown: **bold**, *italic*, lists, links."), verbose_name=_("body")
    )

    class Meta:
        verbose_name = _("urgent action translation")
        verbose_name_plural = _("urgent action translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["urgent_action", "language"],
                name="urgentaction_one_translation_per_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.urgent_action.reference} ({self.language})"


class MailingKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    UPDATED = "updated", _("Update")
    CLOSED = "closed", _("Closed")


class MailingStatus(models.TextChoices):
    # QUEUED: recorded and audience frozen; a worker has not started it yet
    # (the broker may be down: the sweeper starts it later).
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    DONE = "done", _("Done")
    # The mail server refused our login: a configuration fault no retry can mend.
    # Its deliveries stay queued; after the fix an administrator resumes it.
    STOPPED = "stopped", _("Stopped: the mail server refused the login")


class Mailing(models.Model):
    """One send of an Urgent Action or of a follow-up (update, closed)."""

    urgent_action = models.ForeignKey(
        UrgentAction,
        on_delete=models.PROTECT,
        related_name="mailings",
        verbose_name=_("urgent action"),
    )
    kind = models.CharField(
        max_length=10,
        choices=MailingKind.choices,
        default=MailingKind.ISSUED,
        verbose_name=_("kind"),
    )
    note = models.TextField(
        blank=True, help_text=_("Markdown: what changed (follow-ups)."), verbose_name=_("note")
    )
    status = models.CharField(
        max_length=10,
        choices=MailingStatus.choices,
        default=MailingStatus.QUEUED,
        db_index=True,
        verbose_name=_("status"),
    )
    recipient_count = models.PositiveIntegerField(default=0, verbose_name=_("recipient count"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))
    stop_reason = models.CharField(max_length=500, blank=True, verbose_name=_("stop reason"))

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.urgent_action.reference} ({self.get_kind_display()})"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class DeliveryQuerySet(ContactRelatedQuerySet):
    def ready(self, now) -> "DeliveryQuerySet":
        """Queued and not waiting out a transient failure's backoff."""
        return self.filter(status=DeliveryStatus.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )


class Delivery(models.Model):
    """One recipient of one mailing; the database, not the broker, is the source of truth."""

    # No index of its own: delivery_once_per_contact and delivery_mailing_status both
    # begin with the mailing, and freezing a 100,000 audience writes every index once
    # per row (issue 15's 1.5 s).
    # No foreign key in the database either: its check locked the one mailing row once
    # per delivery at the commit: freezing 100,000 took 1.45-2.05 s with it and 1.06-1.28 s
    # without it (alternating runs). Every delivery is written by _freeze_audience with the mailing it has
    # just created in the same transaction, and the ORM still deletes a mailing's
    # deliveries with it (CASCADE). The contact keeps its key: contacts are erased.
    mailing = models.ForeignKey(
        Mailing,
        on_delete=models.CASCADE,
        related_name="deliveries",
        db_index=False,
        db_constraint=False,
        verbose_name=_("mailing"),
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("contact")
    )
    status = models.CharField(
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
        verbose_name=_("status"),
    )
    claim_token = models.UUIDField(null=True, blank=True, verbose_name=_("claim token"))
    claimed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("claimed at"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("attempts"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent at"))
    smtp_reply = models.CharField(max_length=500, blank=True, verbose_name=_("smtp reply"))

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "contact"], name="delivery_once_per_contact")
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="delivery_mailing_status")]

    def __str__(self) -> str:
        return f"{self.mailing} → {self.contact_id} ({self.status})"
