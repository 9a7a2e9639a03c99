"""Template filters every app's templates share: {% load partnerdesk %}, registered in
TEMPLATES' "libraries" so that config need not be an app."""

import datetime

from django import template
from django.utils.dateformat import format as format_date

register = template.Library()

# The HTML time string allows at most three fraction digits and Django's date:"c"
# writes six, which the validator rejects: a <time datetime> is written to the second.
HTML_DATETIME = r"Y-m-d\TH:i:sO"


@register.filter(expects_localtime=True, is_safe=True)
def html_datetime(value: datetime.datetime | None) -> str:
    """The machine-readable moment of a <time datetime>, in the time zone its text shows."""
    if not value:
        return ""
    return format_date(value, HTML_DATETIME)
