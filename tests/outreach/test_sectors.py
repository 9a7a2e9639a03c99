import importlib

import pytest
from django.apps import apps

from outreach.manual import MANUAL_SECTORS
from outreach.models import Sector

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("outreach.migrations.0004_seed_manual_sectors")


def test_the_data_migration_creates_the_manuals_sectors_without_demo_data():
    # Run the migration's own function on an empty table: an earlier transactional
    # test may have flushed the rows the real migration created.
    Sector.objects.all().delete()
    seed_migration.create_sectors(apps, None)
    assert set(Sector.objects.values_list("name", flat=True)) == set(MANUAL_SECTORS)


def test_the_data_migration_is_idempotent():
    seed_migration.create_sectors(apps, None)
    seed_migration.create_sectors(apps, None)
    assert Sector.objects.filter(name__in=MANUAL_SECTORS).count() == len(MANUAL_SECTORS)
