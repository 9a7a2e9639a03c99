from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.emails import notifications_suppressed
from demo.accounts import seed_users
from demo.evaluation import seed_evaluation
from demo.outreach import (
    seed_assessments,
    seed_campaign_spectrum,
    seed_demo_approaches,
    seed_demo_contacts,
    seed_publications,
    seed_sector_organisations,
    seed_sectors,
    seed_structures,
    seed_synthetic_contacts,
)
from demo.outreach_mailings import seed_urgent_actions
from demo.partnership_requests import seed_requests
from demo.partnerships import (
    seed_dutch_platform,
    seed_organisations,
    seed_support_requests,
    seed_synthetic_organisations,
)
from demo.risk import assess_before_approval, seed_risk


class Command(BaseCommand):
    help = "Create (or bring back) the demo data. Idempotent and deterministic."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--organisations",
            type=int,
            default=0,
            metavar="N",
            help="Top up to N synthetic organisations (benchmarks).",
        )
        parser.add_argument(
            "--contacts",
            type=int,
            default=0,
            metavar="N",
            help="Top up to N synthetic contacts (benchmarks).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never on a live site).",
        )

    def handle(self, *args, organisations: int, contacts: int, force: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a live site: seed_demo would reset the demo "
                "users' passwords. Use --force if you really mean it."
            )
        if organisations < 0 or contacts < 0:
            raise CommandError("--organisations and --contacts must be 0 or more.")
        password = settings.DEMO_PASSWORD
        with transaction.atomic(), notifications_suppressed():  # seeding never sends mail
            users = seed_users(password=password)
            sectors = seed_sectors()
            seeded = seed_organisations()
            seed_dutch_platform(staff=users["staff"])
            seed_support_requests(staff=users["staff"])
            requests = seed_requests(users, before_approval=assess_before_approval)
            seed_risk(users)
            seed_assessments()
            seed_publications()
            seed_campaign_spectrum()
            seed_demo_contacts(owner=users["staff"])
            seed_demo_approaches(owner=users["staff"])
            seed_sector_organisations()
            seed_structures(convenor=users["staff"])
            seed_urgent_actions(author=users["staff"], approver=users["coordinator"])
            seed_evaluation(users)
        added_orgs = seed_synthetic_organisations(organisations)
        added_contacts = seed_synthetic_contacts(contacts)
        self.stdout.write(
            f"{len(users)} users, {len(sectors)} sectors, {len(seeded)} seed organisations, "
            f"{requests} new partnership requests; "
            f"added {added_orgs} synthetic organisations and {added_contacts} contacts."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo logins: {', '.join(users)} with password {password!r}")
        )
