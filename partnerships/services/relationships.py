"""An organisation's relationship status follows what happens with it (issue 12).

The one place for these rules; the services that record the events call them:

- the first approach makes a prospect (or a dormant relationship) *contacted*, and
  whoever the approach names becomes the owner if the relationship has none;
- an approved partnership makes the relationship *active*;
- a concluded partnership makes it *ended* (a past partner) unless another
  partnership with the organisation is still active;
- no activity for RELATIONSHIP_DORMANT_AFTER_DAYS makes it *dormant*, but only
  when a person confirms the suggestion: a quiet year can be a deliberate pause,
  and a status nobody chose would be the stale status this replaces.

Statuses are written with conditional UPDATEs, so two events at once cannot move a
relationship backwards (an approach never turns an active partner into "contacted").
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.errors import NotPossible
from accounts.models import User
from accounts.roles import require_staff
from partnerships.models import Organisation, Partnership
from partnerships.models.organisations import RelationshipStatus as R
from partnerships.models.partnerships import PartnershipStatus
from partnerships.timeline import last_activities

# An approach is the first contact only for a relationship that is not under way.
BEFORE_CONTACT = [R.PROSPECT, R.DORMANT]
# A relationship that can go quiet; prospects and refusals have nothing to pause.
MAY_GO_DORMANT = [R.CONTACTED, R.ACTIVE, R.ENDED]


def relationship_approached(*, organisation: Organisation, owner: User | None) -> None:
    """An approach was recorded: contacted, and owned by `owner` if nobody owns it."""
    Organisation.objects.filter(pk=organisation.pk, relationship_status__in=BEFORE_CONTACT).update(
        relationship_status=R.CONTACTED
    )
    if owner is not None:
        Organisation.objects.filter(pk=organisation.pk, relationship_owner__isnull=True).update(
            relationship_owner=owner
        )


def relationship_partnership_approved(*, partnership: Partnership) -> None:
    """A partnership was approved: its organisations are active partners (a concluded
    partnership, approved after the fact, leaves them past partners)."""
    if partnership.status == PartnershipStatus.CONCLUDED:
        relationship_partnership_concluded(partnership=partnership)
        return
    partnership.organisations.exclude(relationship_status=R.ACTIVE).update(
        relationship_status=R.ACTIVE
    )


def relationship_partnership_concluded(*, partnership: Partnership) -> None:
    """A partnership ended: an organisation with no other active partnership is a past partner."""
    still_active = Partnership.objects.filter(status=PartnershipStatus.ACTIVE)
    partnership.organisations.exclude(relationship_status=R.ENDED).exclude(
        partnerships__in=still_active
    ).update(relationship_status=R.ENDED)


def relationship_dormant_since(
    organisation: Organisation, *, today: datetime.date | None = None
) -> datetime.date | None:
    """The date of the last activity if the relationship looks dormant, else None.

    Quiet means nothing on the organisation's timeline (or, without any, since it was
    registered) for RELATIONSHIP_DORMANT_AFTER_DAYS, and no active partnership."""
    if organisation.relationship_status not in MAY_GO_DORMANT:
        return None
    today = today or timezone.localdate()
    last = last_activities([organisation]).get(organisation.pk) or organisation.created_at
    last_day = timezone.localdate(last)
    if (today - last_day).days < settings.RELATIONSHIP_DORMANT_AFTER_DAYS:
        return None
    if organisation.partnerships.filter(status=PartnershipStatus.ACTIVE).exists():
        return None
    return last_day


@transaction.atomic
def relationship_dormant_confirm(*, organisation: Organisation, user: User) -> Organisation:
    """A person confirms the dormant suggestion."""
    require_staff(user, to=_("mark a relationship as dormant"))
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if relationship_dormant_since(locked) is None:
        raise NotPossible(
            _("This relationship is not quiet enough to be dormant: something happened recently.")
        )
    locked.relationship_status = R.DORMANT
    locked.save(update_fields=["relationship_status", "updated_at"])
    return locked
