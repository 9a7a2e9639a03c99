"""Demo sectors (seed 001's chapters) and synthetic contacts for `seed_demo`."""

from django.utils.text import slugify

from .models import Contact, Sector

SEED_SECTORS = [
    "Business community",
    "Military and law enforcement",
    "The legal network",
    "Trade unions",
    "Youth activists",
    "Religious groups",
    "The medical sector",
    "Women's rights",
    "Children's rights",
    "The human rights movement",
]

SYNTHETIC_DOMAIN = "contacts.example.org"


def seed_sectors() -> list[Sector]:
    return [
        Sector.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in SEED_SECTORS
    ]


def seed_synthetic_contacts(count: int) -> int:
    """Top up to `count` numbered contacts for benchmarks; returns how many were added."""
    existing = Contact.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").count()
    batch = [
        Contact(
            first_name="Contact",
            last_name=f"{number:07d}",
            email=f"contact{number:07d}@{SYNTHETIC_DOMAIN}",
            country=["NL", "FR", "ES", "DE", "BE", "GB"][number % 6],
        )
        for number in range(existing + 1, count + 1)
    ]
    Contact.objects.bulk_create(batch, batch_size=5000)
    return len(batch)
