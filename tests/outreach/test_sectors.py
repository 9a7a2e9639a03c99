import pytest

from outreach.manual import MANUAL_SECTORS
from outreach.models import Sector

pytestmark = pytest.mark.django_db


def test_the_manuals_sectors_exist_after_migrating_without_demo_data():
    assert set(Sector.objects.values_list("name", flat=True)) >= set(MANUAL_SECTORS)
