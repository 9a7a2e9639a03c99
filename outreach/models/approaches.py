"""Reaching out to a contact or an organisation, and following it up (seed 001)."""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.reversing import reverse_id
from partnerships.models import Organisation

from .contacts import Contact, ContactRelatedQuerySet, search_words

if TYPE_CHECKING:  # a str or a lazily translated one (django-stubs' alias)
    from django.utils.functional import _StrOrPromise as StrOrPromise

# Dates people type: within a span that means something, so that date arithmetic
# (a calendar event's end, the day after) never leaves the calendar (year 9999 + 1 day).
EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
DATE_BOUNDS = [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]

# Seed 001's checklist for approaching a contact: field name and the question it answers.
APPROACH_CHECKLIST: list[tuple[str, "StrOrPromise"]] = [
    ("check_right_person", _("We identified the right person to contact")),
    ("check_what_they_can_do", _("We found out what they can do and how they may help")),
    ("check_clear_ask", _("We were clear about what we want them to do")),
    ("check_why", _("We explained why we want them to act")),
    ("check_only_possible", _("We asked only what is possible for them")),
    ("check_current_concerns", _("We know the current concerns of the organisation")),
    ("check_enough_information", _("We gave enough information for them to act")),
    ("check_copied_on_action", _("We asked to be copied on action taken, responses and results")),
    ("check_follow_up_agreed", _("We agreed how to follow up and keep in contact")),
    ("check_regular_contact", _("We set clear expectations for regular contact")),
]

# What an approach form sets (approach_create and approach_update accept only these).
APPROACH_FIELDS: tuple[str, ...] = (
    "contact",
    "organisation",
    "approached_on",
    "channel",
    "ask",
    "why",
    "what_they_can_do",
    *(name for name, _ in APPROACH_CHECKLIST),
    "outcome",
    "outcome_notes",
    "reported_actions",
    "follow_up_on",
    "follow_up_owner",
)


class ApproachChannel(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    EVENT = "event", _("At an event")


class ApproachOutcome(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting an answer")
    AGREED = "agreed", _("Agreed to act")
    PARTLY = "partly", _("Agreed in part")
    DECLINED = "declined", _("Declined")
    NO_RESPONSE = "no_response", _("No response")


class ApproachQuerySet(ContactRelatedQuerySet):
    def open_follow_ups(self) -> "ApproachQuerySet":
        return self.filter(follow_up_on__isnull=False, followed_up_at__isnull=True)

    def due(self, *, on: datetime.date | None = None) -> "ApproachQuerySet":
        """Follow-ups planned on or before `on` (today by default) and not yet done."""
        on = on or timezone.localdate()
        return self.open_follow_ups().filter(follow_up_on__lte=on)

    def overdue(self, *, on: datetime.date | None = None) -> "ApproachQuerySet":
        """Follow-ups whose date passed before `on` (today by default) and not yet done."""
        on = on or timezone.localdate()
        return self.open_follow_ups().filter(follow_up_on__lt=on)

    def search(self, text: str) -> "ApproachQuerySet":
        fields = ["contact__first_name", "contact__last_name", "organisation__name", "ask"]
        return search_words(self, text, fields)


class Approach(models.Model):
    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="approaches",
        verbose_name=_("contact"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="approaches",
        verbose_name=_("organisation"),
        db_index=False,  # approach_organisation_newest leads with it
    )
    approached_on = models.DateField(
        default=timezone.localdate, validators=DATE_BOUNDS, verbose_name=_("approached on")
    )
    channel = models.CharField(
        max_length=20,
        choices=ApproachChannel.choices,
        default=ApproachChannel.MEETING,
        verbose_name=_("channel"),
    )
    ask = models.TextField(_("what we asked"))
    why = models.TextField(_("why we asked"), blank=True)
    what_they_can_do = models.TextField(blank=True, verbose_name=_("what they can do"))

    check_right_person = models.BooleanField(default=False, verbose_name=_("check right person"))
    check_what_they_can_do = models.BooleanField(
        default=False, verbose_name=_("check what they can do")
    )
    check_clear_ask = models.BooleanField(default=False, verbose_name=_("check clear ask"))
    check_why = models.BooleanField(default=False, verbose_name=_("check why"))
    check_only_possible = models.BooleanField(default=False, verbose_name=_("check only possible"))
    check_current_concerns = models.BooleanField(
        default=False, verbose_name=_("check current concerns")
    )
    check_enough_information = models.BooleanField(
        default=False, verbose_name=_("check enough information")
    )
    check_copied_on_action = models.BooleanField(
        default=False, verbose_name=_("check copied on action")
    )
    check_follow_up_agreed = models.BooleanField(
        default=False, verbose_name=_("check follow up agreed")
    )
    check_regular_contact = models.BooleanField(
        default=False, verbose_name=_("check regular contact")
    )

    outcome = models.CharField(
        max_length=20,
        choices=ApproachOutcome.choices,
        default=ApproachOutcome.AWAITING,
        verbose_name=_("outcome"),
    )
    outcome_notes = models.TextField(blank=True, verbose_name=_("outcome notes"))
    reported_actions = models.TextField(
        _("actions they reported back"),
        blank=True,
        help_text=_("What they told us they did: letters sent, statements made, results."),
    )

    follow_up_on = models.DateField(
        _("follow up on"), null=True, blank=True, db_index=True, validators=DATE_BOUNDS
    )
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approach_follow_ups",
        verbose_name=_("follow up owner"),
    )
    # "Done" for due()/overdue(): set when the follow-up took place.
    followed_up_at = models.DateTimeField(null=True, blank=True, verbose_name=_("followed up at"))
    follow_up_notes = models.TextField(blank=True, verbose_name=_("follow up notes"))

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approaches_recorded",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = ApproachQuerySet.as_manager()

    class Meta:
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")
        ordering = ["-approached_on", "-pk"]
        indexes = [
            models.Index(fields=["-approached_on", "-id"], name="approach_newest_first"),
            # An organisation's timeline reads its newest approaches in this order and
            # stops at the page's end (partnerships/timeline.py).
            models.Index(
                fields=["organisation", "-approached_on", "-id"],
                name="approach_organisation_newest",
            ),
            # due() and overdue(): the open follow-ups only, by date.
            models.Index(
                fields=["follow_up_on"],
                name="approach_open_follow_up",
                condition=Q(follow_up_on__isnull=False, followed_up_at__isnull=True),
            ),
            # A user's own open follow-ups, by date, and their counts (the dashboard).
            models.Index(
                fields=["follow_up_owner", "follow_up_on", "id"],
                name="approach_open_follow_up_owner",
                condition=Q(follow_up_on__isnull=False, followed_up_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact__isnull=False) | Q(organisation__isnull=False),
                name="approach_has_contact_or_organisation",
            ),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True)
                | Q(follow_up_on__range=(EARLIEST_DATE, LATEST_DATE)),
                name="approach_follow_up_on_in_range",
                violation_error_message=_("Choose a follow-up date between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Approach to %(target)s on %(date)s") % {
            "target": self.target,
            "date": date_format(self.approached_on),
        }

    def get_absolute_url(self) -> str:
        return reverse_id("outreach:approach_detail", self.pk)

    # What `target` (and whether it names a person at risk) reads: for `.only()` in
    # the lists that write hundreds of targets.
    TARGET_FIELDS = (
        "contact__first_name",
        "contact__last_name",
        "contact__is_at_risk",
        "organisation__name",
        "organisation__acronym",
    )

    @property
    def target(self) -> str:
        if self.contact is not None and self.organisation is not None:
            return gettext("%(person)s at %(organisation)s") % {
                "person": self.contact,
                "organisation": self.organisation,
            }
        return str(self.contact or self.organisation or "")

    @property
    def checklist(self) -> list[tuple["StrOrPromise", bool]]:
        return [(label, getattr(self, name)) for name, label in APPROACH_CHECKLIST]

    @property
    def checklist_score(self) -> int:
        return sum(getattr(self, name) for name, _ in APPROACH_CHECKLIST)

    def follow_up_state(self, today: datetime.date | None = None) -> str:
        """ "done", "overdue", "due", "planned" or "" (no follow-up planned)."""
        if self.followed_up_at:
            return "done"
        if not self.follow_up_on:
            return ""
        today = today or timezone.localdate()
        if self.follow_up_on < today:
            return "overdue"
        return "due" if self.follow_up_on == today else "planned"
