import datetime

from django.template import Context, Template
from django.utils import timezone

MOMENT = datetime.datetime(2026, 12, 3, 9, 5, 7, 123456, tzinfo=datetime.UTC)


def render(value) -> str:
    return Template("{% load partnerdesk %}{{ value|html_datetime }}").render(
        Context({"value": value})
    )


def test_html_datetime_is_to_the_second_in_the_readers_time_zone():
    with timezone.override("Europe/Brussels"):
        assert render(MOMENT) == "2026-12-03T10:05:07+0100"
    with timezone.override("America/Bogota"):
        assert render(MOMENT) == "2026-12-03T04:05:07-0500"


def test_html_datetime_of_nothing_is_empty():
    assert render(None) == ""
    assert render("") == ""
