"""Large figures are written with the reader's thousands separator (100,000, not 100000)."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from dashboard.selectors import Figure


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "100,000"), ("fr", "100\N{NO-BREAK SPACE}000"), ("es", "100.000")],
)
def test_a_figure_is_grouped_in_the_readers_language(language, written):
    with translation.override(language):
        html = render_to_string(
            "dashboard/_body.html", {"figures": [Figure("Organisations", 100_000, "/")]}
        )
    assert f">{written}</div>" in html
