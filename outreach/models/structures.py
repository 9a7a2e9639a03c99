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
    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    kind = models.CharField(max_length=30, choices=StructureKind.choices, verbose_name=_("kind"))
    level = models.CharField(
        max_length=20,
        choices=StructureLevel.choices,
        default=StructureLevel.SECTION,
        verbose_name=_("level"),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name=_("sector"),
    )
    local_group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_structures",
        help_text=_("The group that holds the sector brief (local group level only)."),
        verbose_name=_("local group"),
    )
    brief = models.TextField(
        blank=True, help_text=_("What the structure is asked to do."), verbose_name=_("brief")
    )
    meeting_cadence = models.CharField(
        max_length=20,
        choices=MeetingCadence.choices,
        default=MeetingCadence.NONE,
        verbose_name=_("meeting cadence"),
    )
    newsletter = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Name and frequency of its newsletter, if any."),
        verbose_name=_("newsletter"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_structures",
        verbose_name=_("coordinator"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("outreach structure")
        verbose_name_plural = _("outreach structures")
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
        OutreachStructure,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("structure"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="structure_memberships",
        verbose_name=_("user"),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="structure_memberships",
        verbose_name=_("contact"),
    )
    role = models.CharField(max_length=120, blank=True, verbose_name=_("role"))
    joined_on = models.DateField(null=True, blank=True, verbose_name=_("joined on"))

    objects = StructureMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure member")
        verbose_name_plural = _("structure members")
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
        OutreachStructure,
        on_delete=models.CASCADE,
        related_name="mailings",
        verbose_name=_("structure"),
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))
    sent_on = models.DateField(verbose_name=_("sent on"))
    ask = models.TextField(_("what members were asked to do"), blank=True)

    class Meta:
        verbose_name = _("network mailing")
        verbose_name_plural = _("network mailings")
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.sent_on:%Y-%m-%d})"


class ActionReport(models.Model):
    """What a member reports having done after a mailing: the hard part to monitor."""

    mailing = models.ForeignKey(
        NetworkMailing, on_delete=models.CASCADE, related_name="reports", verbose_name=_("mailing")
    )
    member = models.ForeignKey(
        StructureMember,
        on_delete=models.CASCADE,
        related_name="action_reports",
        verbose_name=_("member"),
    )
    reported_on = models.DateField(verbose_name=_("reported on"))
    action = models.TextField(_("what they did"))

    objects = ActionReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("action report")
        verbose_name_plural = _("action reports")
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return gettext("%(member)s on %(mailing)s") % {
            "member": self.member,
            "mailing": self.mailing,
        }
