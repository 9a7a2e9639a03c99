"""Counts in running text are grouped in the reader's language, like the dashboard's
figures: a registry of 100,000 organisations says "2,000 pages", not "2000"."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from dashboard.sections import Section, SectionRow

GROUPED = [("en", ","), ("fr", "\N{NO-BREAK SPACE}"), ("es", ".")]


@pytest.mark.parametrize(("language", "sep"), GROUPED)
def test_the_page_line_groups_page_numbers_and_the_count(language, sep):
    page = Paginator(range(100_000), 50).page(1_000)
    request = RequestFactory().get("/?page=1000")
    with translation.override(language):
        html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)
    assert f"1{sep}000" in html and f"2{sep}000" in html and f"100{sep}000" in html


@pytest.mark.parametrize(("language", "sep"), GROUPED)
def test_a_dashboard_section_groups_its_total_and_the_rest(language, sep):
    rows = [SectionRow(title=f"Row {n}", url="/") for n in range(5)]
    section = Section(key="due", title="Due", count=12_345, url="/due/", rows=rows, empty_text="")
    with translation.override(language):
        html = render_to_string("dashboard/_section.html", {"section": section})
    assert f"12{sep}345" in html and f"12{sep}340" in html
    assert "12345" not in html and "12340" not in html
