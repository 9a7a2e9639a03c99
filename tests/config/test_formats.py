"""Dates and times read the Section's way in every language: day before month, 24-hour
clock, through Django's format localisation (config/formats/)."""

import datetime
import zoneinfo

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, timezone, translation

from config.widgets import DateInput

# 20:53 in the Section's time zone (templates show local time).
MOMENT = datetime.datetime(2026, 12, 1, 20, 53, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize(
    ("language", "expected_datetime", "expected_date"),
    [
        ("en", "1 Dec 2026, 20:53", "1 Dec 2026"),
        ("en-gb", "1 Dec 2026, 20:53", "1 Dec 2026"),
        ("fr", "1 déc. 2026 20:53", "1 déc. 2026"),
        ("es", "1 dic 2026 20:53", "1 dic 2026"),
    ],
)
def test_dates_and_times_follow_the_active_language(language, expected_datetime, expected_date):
    with translation.override(language):
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == expected_datetime
        assert formats.date_format(MOMENT.date()) == expected_date
        rendered = Template('{{ when|date:"DATETIME_FORMAT" }}|{{ when|date }}').render(
            Context({"when": MOMENT})
        )
        assert rendered == f"{expected_datetime}|{expected_date}"


def test_default_language_is_english_in_the_sections_format(settings):
    assert settings.LANGUAGE_CODE == "en-gb"
    with translation.override(settings.LANGUAGE_CODE):
        assert formats.localize(timezone.make_naive(MOMENT)) == "1 Dec 2026, 20:53"


class _DateForm(forms.Form):
    day = forms.DateField(widget=DateInput())


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_date_inputs_show_and_read_day_before_month(language):
    with translation.override(language):
        html = str(_DateForm(initial={"day": datetime.date(2026, 12, 1)})["day"])
        assert 'type="text"' in html and 'value="01/12/2026"' in html
        form = _DateForm({"day": "02/03/2026"})
        assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2026, 3, 2)
        iso = _DateForm({"day": "2026-03-02"})  # scripts and old bookmarks
        assert iso.is_valid() and iso.cleaned_data["day"] == datetime.date(2026, 3, 2)
