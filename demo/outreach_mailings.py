"""Demo Urgent Actions for `seed_demo`: one draft awaiting approval, one approved."""

from datetime import UTC, datetime

from outreach.models import Sector, UrgentAction, UrgentActionStatus

DEMO_URGENT_ACTIONS = [
    {
        "reference": "UA 101/26",
        "title": "Trade union leader detained without charge",
        "summary": "A union organiser was arrested after a strike and is held incommunicado.",
        "body": (
            "The organiser was arrested at her home on **3 March** and has not been seen since.\n\n"
            "Please write to the Minister of Justice:\n\n"
            "- urging them to release her immediately and unconditionally;\n"
            "- asking that she has access to her family and a lawyer of her choice."
        ),
        "occupations": "trade unionist",
        "countries": ["CO"],
        "sector": "trade-unions",
        "status": UrgentActionStatus.DRAFT,
    },
    {
        "reference": "UA 102/26",
        "title": "Human rights lawyer at risk of torture",
        "summary": "A lawyer who defended protesters is held in pre-trial detention.",
        "body": (
            "The lawyer was detained after representing protesters in court.\n\n"
            "Please write to the Prosecutor General asking that he is protected from "
            "torture and released."
        ),
        "occupations": "lawyer, judge",
        "countries": ["TR"],
        "sector": "the-legal-network",
        "status": UrgentActionStatus.APPROVED,
    },
]


def seed_urgent_actions(*, author, approver) -> list[UrgentAction]:
    """Idempotent: updates the two demo UAs by reference (never re-approves a sent one)."""
    approved_at = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    actions = []
    for spec in DEMO_URGENT_ACTIONS:
        spec = dict(spec)
        sector_slug, status = spec.pop("sector"), spec.pop("status")
        ua, created = UrgentAction.objects.get_or_create(
            reference=spec.pop("reference"), defaults={**spec, "created_by": author}
        )
        if created and status == UrgentActionStatus.APPROVED:
            ua.status, ua.approved_by, ua.approved_at = status, approver, approved_at
            ua.save(update_fields=["status", "approved_by", "approved_at"])
        ua.sectors.set(Sector.objects.filter(slug=sector_slug))
        actions.append(ua)
    return actions
