"""Partnership requests from local groups and the coordinators' decisions on them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class Purpose(models.TextChoices):
    """Why partner (seed 002, "Why do we want to partner")."""

    NEW_AUDIENCES = "new_audiences", _("Reach new audiences and grow our supporter base")
    VISIBILITY = "visibility", _("Increase visibility in communities we do not reach")
    AFFECTED_COMMUNITIES = "affected_communities", _("Work directly with affected communities")
    LASTING_RELATIONSHIPS = (
        "lasting_relationships",
        _("Build relationships that outlast a campaign"),
    )
    POOL_RESOURCES = "pool_resources", _("Learn from each other and pool resources")
    HUMAN_RIGHTS_OUTCOMES = "human_rights_outcomes", _("Improve human rights outcomes")


class CooperationMethod(models.TextChoices):
    """Methods of cooperation (seed 000); which need authorisation is `needs_authorisation`."""

    PROVIDE_INFORMATION = (
        "provide_information",
        _("Providing or distributing our public information"),
    )
    RECEIVE_INFORMATION = "receive_information", _("Receiving information from other organisations")
    CAMPAIGNING = "campaigning", _("Joint campaigning")
    DEVELOPMENT = "development", _("Development work")
    PROMOTION = "promotion", _("Promotional work")
    PUBLICITY = "publicity", _("Publicity")
    LOBBYING = "lobbying", _("Lobbying")
    CO_SPONSORING = "co_sponsoring", _("Co-sponsoring a conference or forum")
    RELIEF = "relief", _("Relief work")
    FUNDRAISING = "fundraising", _("Fundraising")
    JOINT_PUBLICATION = "joint_publication", _("Joint publications")
    TRAINING = "training", _("Training")
    SHARED_SYSTEMS = "shared_systems", _("Sharing databases or systems")
    CRISIS_STRATEGY = "crisis_strategy", _("A joint strategy on a crisis")
    REFERRAL = "referral", _("Referral of cases outside our mandate")

    @classmethod
    def needs_authorisation(cls, method: str) -> bool:
        return method not in METHODS_WITHOUT_AUTHORISATION


# The labels (lazy: each reads in the active language), built once rather than per
# call: the review queue lists them for every row (issue 15).
_PURPOSE_LABELS = dict(Purpose.choices)
_METHOD_LABELS = dict(CooperationMethod.choices)


# Seed 000: only these can be done "without the need for any special
# considerations or authorization"; every other method needs review.
METHODS_WITHOUT_AUTHORISATION = frozenset(
    {CooperationMethod.PROVIDE_INFORMATION, CooperationMethod.RECEIVE_INFORMATION}
)


class Visibility(models.TextChoices):
    BRANDED = "branded", _("Amnesty-branded")
    CO_BRANDED = "co_branded", _("Co-branded")
    SILENT = "silent", _("Silent partner")
    ATTEND_ONLY = "attend_only", _("Attend only")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    NEEDS_INFORMATION = "needs_information", _("Needs information")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    ESCALATED = "escalated", _("Escalated to the International Secretariat")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOTED = "noted", _("Noted")


# A request in one of these is still open: it can be withdrawn by its group.
UNDECIDED_STATUSES = frozenset(
    {
        RequestStatus.DRAFT,
        RequestStatus.SUBMITTED,
        RequestStatus.IN_REVIEW,
        RequestStatus.NEEDS_INFORMATION,
    }
)
# The fields a local group writes (the form's and partnership_request_update's).
REQUEST_DETAIL_FIELDS = (
    "purposes",
    "methods",
    "activity_title",
    "activity_description",
    "activity_starts_on",
    "activity_ends_on",
    "activity_place",
    "expected_public",
    "visibility",
    "partner_gains",
    "partner_demands",
    "joins_coalition",
)
# Statuses after which the group hears from us by e-mail (request_event_notify).
NOTIFIED_STATUSES = frozenset(
    {
        RequestStatus.APPROVED,
        RequestStatus.DECLINED,
        RequestStatus.ESCALATED,
        RequestStatus.NEEDS_INFORMATION,
    }
)
AWAITING_COORDINATOR_STATUSES = frozenset({RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW})
DECISION_STATUSES = frozenset(
    {
        RequestStatus.APPROVED,
        RequestStatus.DECLINED,
        RequestStatus.ESCALATED,
        RequestStatus.NOTED,
    }
)

# The longest waiting first (the review queue, the reminders, the admin's default).
WAITING_TIME_ORDER = (F("submitted_at").asc(nulls_last=True), "pk")


@deconstructible
class ChoiceListValidator:
    """A JSON list whose every element is one of the given choices."""

    def __init__(self, choices_path: str) -> None:
        self.choices_path = choices_path  # dotted path, so migrations can serialise it

    def __call__(self, value) -> None:
        choices = import_string(self.choices_path)
        if not isinstance(value, list) or not set(value) <= set(choices.values):
            raise ValidationError(
                _("Choose from: %(choices)s.")
                % {"choices": ", ".join(str(label) for label in choices.labels)}
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, ChoiceListValidator) and other.choices_path == self.choices_path


class PartnershipRequestQuerySet(models.QuerySet):
    def for_group(self, local_group_id: int) -> "PartnershipRequestQuerySet":
        return self.filter(local_group_id=local_group_id)

    def awaiting_decision(self) -> "PartnershipRequestQuerySet":
        return self.filter(
            status__in=[*AWAITING_COORDINATOR_STATUSES, RequestStatus.NEEDS_INFORMATION]
        )

    def using_method(self, method: str) -> "PartnershipRequestQuerySet":
        # Methods are a JSON list of codes; a quoted code matches one element
        # exactly on SQLite and PostgreSQL alike (no code contains another's quotes).
        return self.filter(methods__icontains=f'"{method}"')

    def by_waiting_time(self) -> "PartnershipRequestQuerySet":
        return self.order_by(*WAITING_TIME_ORDER)


class PartnershipRequest(models.Model):
    """A local group asks permission to cooperate with an organisation."""

    local_group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        related_name="partnership_requests",
        verbose_name=_("local group"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnership_requests",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.DRAFT,
        db_index=True,
        verbose_name=_("status"),
    )

    purposes = models.JSONField(
        default=list,
        validators=[ChoiceListValidator("partnerships.models.requests.Purpose")],
        verbose_name=_("purposes"),
    )
    methods = models.JSONField(
        _("methods of cooperation"),
        default=list,
        validators=[ChoiceListValidator("partnerships.models.requests.CooperationMethod")],
    )

    activity_title = models.CharField(max_length=200, verbose_name=_("activity title"))
    activity_description = models.TextField(verbose_name=_("activity description"))
    activity_starts_on = models.DateField(_("starts on"))
    activity_ends_on = models.DateField(_("ends on"), null=True, blank=True)
    activity_place = models.CharField(_("place"), max_length=200)
    expected_public = models.CharField(
        max_length=200,
        help_text=_("Who you expect to come, and about how many."),
        verbose_name=_("expected public"),
    )
    visibility = models.CharField(
        _("proposed visibility"), max_length=20, choices=Visibility.choices
    )
    partner_gains = models.TextField(_("what the partner gains"))
    partner_demands = models.TextField(
        _("demands on the partner"),
        help_text=_("What it asks of the partner's time and resources."),
    )
    joins_coalition = models.BooleanField(
        _("joins a coalition or umbrella group"),
        default=False,
        help_text=_("A local group joining a coalition consults the Section first."),
    )

    # The existing-relationship check as the group saw it when making the request:
    # [{"organisation": id, "reasons": [...]}], shown to the coordinator who reviews it.
    relationship_matches = models.JSONField(
        default=list, blank=True, editable=False, verbose_name=_("relationship matches")
    )

    # When the request last went (back) to the coordinators: the queue's waiting time.
    submitted_at = models.DateTimeField(
        null=True, blank=True, db_index=True, verbose_name=_("submitted at")
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    objects = PartnershipRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership request")
        verbose_name_plural = _("partnership requests")
        ordering = ["-created_at"]
        indexes = [
            # awaiting_decision().by_waiting_time(): the requests waiting for a decision,
            # the longest waiting first, and their count, read from a small index
            # (the dashboard, issue 15). Sorted: a set's order changes between runs.
            models.Index(
                fields=["submitted_at", "id"],
                name="request_awaiting_decision",
                condition=Q(
                    status__in=sorted(
                        str(status)
                        for status in [
                            *AWAITING_COORDINATOR_STATUSES,
                            RequestStatus.NEEDS_INFORMATION,
                        ]
                    )
                ),
            ),
            # The API's list, newest change first (its default), or by creation: 20,000
            # requests sorted for each page took 79 ms at the bench.
            models.Index(fields=["updated_at", "id"], name="request_updated_id"),
            models.Index(fields=["created_at", "id"], name="request_created_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity_ends_on__isnull=True)
                | Q(activity_ends_on__gte=F("activity_starts_on")),
                name="request_activity_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_title} ({self.organisation.name})"

    def needs_review(self) -> bool:
        """Seed 000: some methods, and joining a coalition, need the Section's consideration."""
        return self.joins_coalition or any(
            CooperationMethod.needs_authorisation(method) for method in self.methods
        )

    def method_labels(self) -> list[tuple[str, bool]]:
        labels = _METHOD_LABELS
        return [
            (str(labels.get(m, m)), CooperationMethod.needs_authorisation(m)) for m in self.methods
        ]

    def purpose_labels(self) -> list[str]:
        return [str(_PURPOSE_LABELS.get(p, p)) for p in self.purposes]

    def is_undecided(self) -> bool:
        return self.status in UNDECIDED_STATUSES

    def is_decided(self) -> bool:
        return self.status in DECISION_STATUSES

    def checklist_is_complete(self) -> bool:
        answered = self.checklist_answers.exclude(answer="").values("question").distinct()
        return answered.count() == len(ChecklistQuestion)


class RequestEventQuerySet(models.QuerySet):
    def decisions(self) -> "RequestEventQuerySet":
        return self.filter(to_status__in=DECISION_STATUSES)


class RequestEvent(models.Model):
    """One transition of a request: who, when, from and to which state, and why."""

    request = models.ForeignKey(
        PartnershipRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("request"),
    )
    from_status = models.CharField(
        max_length=20, choices=RequestStatus.choices, blank=True, verbose_name=_("from status")
    )
    to_status = models.CharField(
        max_length=20, choices=RequestStatus.choices, verbose_name=_("to status")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system made the transition."),
        verbose_name=_("actor"),
    )
    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, verbose_name=_("created at")
    )
    comment = models.TextField(
        blank=True, help_text=_("Shown to the local group."), verbose_name=_("comment")
    )
    internal_note = models.TextField(
        blank=True, help_text=_("Never shown to the local group."), verbose_name=_("internal note")
    )
    # The group's e-mail about this event (partnerships.services.requests.request_event_notify):
    # claimed by one worker (a conditional UPDATE), then marked sent once the server
    # accepted it, so a retried or redelivered task sends nothing more. A claim with no
    # send after REQUEST_EMAIL_CLAIM_TIMEOUT lost its worker: the sweeper releases it.
    email_claimed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("email claimed at")
    )
    notified_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("notified at")
    )
    # Why sending stopped for good (the mail server refused our login): shown in the
    # admin, never retried on its own.
    email_error = models.TextField(blank=True, editable=False, verbose_name=_("email error"))

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(to_status=RequestStatus.DECLINED) | ~Q(comment=""),
                name="request_event_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"

    def email_outcome(self) -> str:
        """Where the group's e-mail about this event stands, for the admin ("" if none is due)."""
        if self.to_status not in NOTIFIED_STATUSES:
            return ""
        if self.email_error:
            return f"failed: {self.email_error}"
        if self.notified_at:
            return "sent"
        return "sending" if self.email_claimed_at else "not sent"


class ChecklistQuestion(models.IntegerChoices):
    """Making the decision (seed 000): asked before agreeing to cooperate."""

    BENEFIT = 1, _("Will it benefit us without damaging impartiality and independence?")
    COMPATIBLE = 2, _("Are the other organisation's objectives and mandate compatible with ours?")
    TRUST = (
        3,
        _("Is there personal trust, based on its track record, credibility and public image?"),
    )
    UNBIASED = 4, _("Will the association show us in an unbiased light?")
    WIDER_PUBLIC = 5, _("Will the action mobilise a wider public?")
    CONTROL = (
        6,
        (
            _(
                "Will we keep control over the use of our name and logo, and be seen to keep our "
                "distinct identity, impartiality, and political and financial independence?"
            )
        ),
    )


class ChecklistAnswerChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Unsure")


class ChecklistAnswer(models.Model):
    request = models.ForeignKey(
        PartnershipRequest,
        on_delete=models.CASCADE,
        related_name="checklist_answers",
        verbose_name=_("request"),
    )
    question = models.PositiveSmallIntegerField(
        choices=ChecklistQuestion.choices, verbose_name=_("question")
    )
    answer = models.CharField(
        max_length=10, choices=ChecklistAnswerChoice.choices, verbose_name=_("answer")
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(auto_now=True, verbose_name=_("answered at"))

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        ordering = ["question"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "question"], name="checklist_one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(question__gte=1) & Q(question__lte=len(ChecklistQuestion)),
                name="checklist_question_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"
