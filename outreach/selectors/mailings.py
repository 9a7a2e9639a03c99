"""Who receives an Urgent Action, and how far a mailing has got."""

import operator
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from outreach.models import Contact, Delivery, DeliveryStatus, Mailing, UrgentAction


def urgent_action_audience(urgent_action: UrgentAction) -> QuerySet[Contact]:
    """Mailable contacts matching any of the UA's categories (sectors, occupation,
    country, keywords). A UA without categories reaches nobody: an appeal is never
    sent to the whole list by accident. `mailable()` keeps people at risk out."""
    matches = []
    sector_ids = list(urgent_action.sectors.values_list("pk", flat=True))
    if sector_ids:
        through = Contact.sectors.through.objects.filter(sector_id__in=sector_ids)
        matches.append(Q(pk__in=through.values("contact_id")))
    keyword_ids = list(urgent_action.keywords.values_list("pk", flat=True))
    if keyword_ids:
        through = Contact.keywords.through.objects.filter(keyword_id__in=keyword_ids)
        matches.append(Q(pk__in=through.values("contact_id")))
    if urgent_action.countries:
        matches.append(Q(country__in=[country.code for country in urgent_action.countries]))
    matches += [Q(occupation__iexact=name) for name in urgent_action.occupation_list()]
    if not matches:
        return Contact.objects.none()
    return Contact.objects.mailable().filter(reduce(operator.or_, matches))


@dataclass(frozen=True)
class MailingProgress:
    total: int
    queued: int
    sending: int
    sent: int
    failed: int
    rate: float | None  # messages per second over the last minute of sending
    seconds_left: float | None

    @property
    def remaining(self) -> int:
        return self.queued + self.sending

    @property
    def percent_done(self) -> int:
        return round(100 * (self.sent + self.failed) / self.total) if self.total else 100

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "sent": self.sent,
            "failed": self.failed,
            "remaining": self.remaining,
            "rate": self.rate,
            "seconds_left": self.seconds_left,
            "percent_done": self.percent_done,
        }


def mailing_progress(mailing: Mailing) -> MailingProgress:
    """Counts by status, and the recent sending rate: two queries."""
    rows = Delivery.objects.filter(mailing=mailing).values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    window_end = timezone.now()
    recent = Delivery.objects.filter(
        mailing=mailing,
        status=DeliveryStatus.SENT,
        sent_at__gte=window_end - timedelta(seconds=60),
    ).aggregate(n=Count("pk"), first=Min("sent_at"), last=Max("sent_at"))
    rate = None
    if recent["n"] > 1 and recent["last"] > recent["first"]:
        rate = recent["n"] / (recent["last"] - recent["first"]).total_seconds()
    remaining = counts.get(DeliveryStatus.QUEUED, 0) + counts.get(DeliveryStatus.SENDING, 0)
    return MailingProgress(
        total=sum(counts.values()),
        queued=counts.get(DeliveryStatus.QUEUED, 0),
        sending=counts.get(DeliveryStatus.SENDING, 0),
        sent=counts.get(DeliveryStatus.SENT, 0),
        failed=counts.get(DeliveryStatus.FAILED, 0),
        rate=round(rate, 1) if rate else None,
        seconds_left=round(remaining / rate) if rate and remaining else None,
    )
