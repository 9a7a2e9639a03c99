import pytest
from django.core.management import call_command

from outreach.models import (
    Campaign,
    Keyword,
    NetworkMailing,
    OutreachStructure,
    Publication,
    SectorAssessment,
    SpectrumMove,
    SpectrumPlacement,
)
from outreach.selectors.priorities import sector_priorities

pytestmark = pytest.mark.django_db

MODELS = (
    SectorAssessment,
    Publication,
    Keyword,
    Campaign,
    SpectrumPlacement,
    SpectrumMove,
    OutreachStructure,
    NetworkMailing,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_outreach_data_is_idempotent_and_shows_something():
    call_command("seed_demo", "--force")
    first = _counts()
    call_command("seed_demo", "--force")
    assert _counts() == first
    assert first["SectorAssessment"] == 20  # two per sector
    assert first["SpectrumMove"] > first["SpectrumPlacement"] > 0  # some organisations moved
    rows = sector_priorities()
    assert any(row.is_priority for row in rows) and not all(row.is_priority for row in rows)


@pytest.mark.parametrize(
    "model",
    ["sectorassessment", "outreachstructure", "publication", "campaign", "spectrummove"],
)
def test_coordinators_can_read_outreach_rows_in_the_admin(client, role_user, model):
    from accounts.roles import Role

    # No explicit sync: migrate itself must have given the coordinators these permissions.
    client.force_login(role_user(Role.COORDINATOR))
    assert client.get(f"/admin/outreach/{model}/").status_code == 200
