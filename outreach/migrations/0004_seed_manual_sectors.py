"""The outreach sectors of seed 001's chapters exist from the first deployment, not only
in the demo data: the priorities page and contact forms need them."""

from django.db import migrations
from django.utils.text import slugify

from outreach.manual import MANUAL_SECTORS


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("outreach", "Sector")
    for name in MANUAL_SECTORS:
        Sector.objects.get_or_create(slug=slugify(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("outreach", "0003_mailing_sweeper_schedule")]

    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]
