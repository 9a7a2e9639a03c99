import re

import pytest
from django.core.management import CommandError, call_command

from accounts.models import LocalGroup, User
from accounts.roles import new_access_generation
from demo.outreach import SYNTHETIC_DOMAIN
from outreach.models import Contact, Sector
from partnerships.models import (
    Organisation,
    Partnership,
    PartnershipRequest,
    RequestEvent,
    RequestStatus,
)

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            LocalGroup,
            Sector,
            Organisation,
            Contact,
            PartnershipRequest,
            RequestEvent,
            Partnership,
        )
    }


def test_seed_demo_twice_gives_the_same_counts():
    call_command("seed_demo", "--force", stdout=None)
    first = counts()
    call_command("seed_demo", "--force")
    assert counts() == first
    assert first["User"] == 4
    assert first["Sector"] == 10
    assert Organisation.objects.filter(acronym="HRW").exists()


def test_demo_users_log_in_with_the_demo_password(settings):
    settings.DEMO_PASSWORD = "another-demo-password"
    call_command("seed_demo", "--force")
    assert User.objects.get(username="localgroup1").check_password("another-demo-password")
    assert User.objects.get(username="localgroup1").local_group is not None
    assert User.objects.get(username="coordinator").groups.filter(name="Coordinators").exists()


def test_scale_options_top_up_deterministically():
    call_command("seed_demo", "--force", "--organisations", "30", "--contacts", "40")
    call_command("seed_demo", "--force", "--organisations", "30", "--contacts", "40")
    assert Organisation.objects.filter(name__startswith="Demo organisation").count() == 30
    assert Contact.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").count() == 40
    assert Organisation.objects.filter(name="Demo organisation 000030").exists()


def test_seed_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert User.objects.count() == 0


def test_seed_demo_makes_requests_in_every_state_with_their_history():
    call_command("seed_demo", "--force")
    states = set(PartnershipRequest.objects.values_list("status", flat=True))
    assert states == set(RequestStatus.values)
    groups = set(PartnershipRequest.objects.values_list("created_by__username", flat=True))
    assert groups == {"localgroup1", "localgroup2"}
    assert Partnership.objects.filter(status="active").exists()
    assert Partnership.objects.filter(status="concluded").exists()
    declined = RequestEvent.objects.get(to_status=RequestStatus.DECLINED)
    assert declined.comment and declined.internal_note
    # Made through the services: every request has its history.
    assert not PartnershipRequest.objects.filter(events__isnull=True).exists()


def test_seed_demo_adds_a_draft_and_an_approved_urgent_action():
    from outreach.models import UrgentAction

    call_command("seed_demo", "--force")
    call_command("seed_demo", "--force")
    statuses = dict(UrgentAction.objects.values_list("reference", "status"))
    assert statuses == {"UA 101/26": "draft", "UA 102/26": "approved"}
    assert UrgentAction.objects.get(reference="UA 102/26").approved_by.username == "coordinator"


def test_seeding_sends_and_queues_no_mail(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("seed_demo", "--force")
    assert mailoutbox == []
    # Nothing was queued either; the demo roles' grants start a new generation of the
    # cached roles after the commit (accounts.roles).
    assert [callback for callback in callbacks if callback is not new_access_generation] == []
    assert RequestEvent.objects.filter(to_status=RequestStatus.DECLINED).exists()


def test_demo_data_reads_like_real_life():
    """People's names without numbers, structures with members, relationships in a mix of
    states (issue 12): a new user sees what the product is for."""
    from outreach.models import Contact, OutreachStructure
    from partnerships.models import Organisation

    call_command("seed_demo", "--force")
    numbered = [
        str(c) for c in Contact.objects.all() if re.search(r"\d", c.first_name + c.last_name)
    ]
    assert numbered == []
    empty = OutreachStructure.objects.filter(members__isnull=True).values_list("name", flat=True)
    assert list(empty) == []
    statuses = set(Organisation.objects.values_list("relationship_status", flat=True))
    # The approaches made the approached organisations "contacted", with an owner.
    assert {"prospect", "contacted", "active"} <= statuses, statuses
    assert not Organisation.objects.filter(
        relationship_status="contacted", relationship_owner__isnull=True
    ).exists()
