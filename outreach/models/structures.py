"""How the Section organises its work with a sector (seed 001, "Outreach structures")."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .contacts import Contact, ContactRelatedQuerySet
from .sectors import Sector


class StructureKind(models.TextChoices):
    COORDINATION_GROUP = "coordination_group", _("Specialist or professional coordination group")
    NETWORK = "network", _("Network")
    ADVISORY_GROUP = "advisory_group", _("Advisory group")
    LOCAL_GROUP_BRIEF = "local_group_brief", _("Local group with a sector brief")


class StructureLevel(models.TextChoices):
    LOCAL_GROUP = "local_group", _("Local group")
    SECTION = "section", _("Section")
    INTERNATIONAL_SECRETARIAT = "is", _("International Secretariat")


class MeetingCadence(models.TextChoices):
    NONE = "none", _("Does not meet")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    BIMONTHLY = "bimonthly", _("Every two months")
    QUARTERLY = "quarterly", _("Quarterly")
    TWICE_A_YEAR = "twice_a_year", _("Twice a year")
    YEARLY = "yearly", _("Yearly")
    AD_HOC = "ad_hoc", _("When needed")


class OutreachStructure(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=StructureKind.choices)
    level = models.CharField(
        max_length=20, choices=StructureLevel.choices, default=StructureLevel.SECTION
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="structures"
    )
    local_group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_structures",
        help_text=_("The group that holds the sector brief (local group level only)."),
    )
    brief = models.TextField(blank=True, help_text=_("What the structure is asked to do."))
    meeting_cadence = models.CharField(
        max_length=20, choices=MeetingCadence.choices, default=MeetingCadence.NONE
    )
    newsletter = models.CharField(
        max_length=200, blank=True, help_text=_("Name and frequency of its newsletter, if any.")
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_structures",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(local_group__isnull=True) | Q(level=StructureLevel.LOCAL_GROUP),
                name="structure_local_group_only_at_local_level",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outreach:structure_detail", kwargs={"pk": self.pk})

    @property
    def is_network(self) -> bool:
        return self.kind == StructureKind.NETWORK


class StructureMemberQuerySet(ContactRelatedQuerySet):
    pass


class ActionReportQuerySet(ContactRelatedQuerySet):
    contact_path = "member__contact"


class StructureMember(models.Model):
    """A member is a user of Partnerdesk or an outreach contact, never both."""

    structure = models.ForeignKey(
        OutreachStructure, on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="structure_memberships",
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="structure_memberships",
    )
    role = models.CharField(max_length=120, blank=True)
    joined_on = models.DateField(null=True, blank=True)

    objects = StructureMemberQuerySet.as_manager()

    class Meta:
        ordering = ["structure", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(contact__isnull=True))
                | (Q(user__isnull=True) & Q(contact__isnull=False)),
                name="structure_member_user_xor_contact",
            ),
            models.UniqueConstraint(
                fields=["structure", "user"],
                condition=Q(user__isnull=False),
                name="structure_member_user_once",
            ),
            models.UniqueConstraint(
                fields=["structure", "contact"],
                condition=Q(contact__isnull=False),
                name="structure_member_contact_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user or self.contact)


class NetworkMailing(models.Model):
    """A newsletter or action mailing sent to a network's members."""

    structure = models.ForeignKey(
        OutreachStructure, on_delete=models.CASCADE, related_name="mailings"
    )
    title = models.CharField(max_length=200)
    sent_on = models.DateField()
    ask = models.TextField(_("what members were asked to do"), blank=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.sent_on:%Y-%m-%d})"


class ActionReport(models.Model):
    """What a member reports having done after a mailing: the hard part to monitor."""

    mailing = models.ForeignKey(NetworkMailing, on_delete=models.CASCADE, related_name="reports")
    member = models.ForeignKey(
        StructureMember, on_delete=models.CASCADE, related_name="action_reports"
    )
    reported_on = models.DateField()
    action = models.TextField(_("what they did"))

    objects = ActionReportQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return gettext("%(member)s on %(mailing)s") % {
            "member": self.member,
            "mailing": self.mailing,
        }
