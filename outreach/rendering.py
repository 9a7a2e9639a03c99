"""Markdown with limits: Urgent Action bodies and notes are rendered once, when saved.

Python-Markdown recurses on deeply nested lists and quotes (RecursionError) and is
slow on long runs of brackets (minutes for one request). The form refuses such input
with a sentence (`markdown_problem`), and `render_markdown` never runs the parser on
input past the limits (older rows): it shows that text escaped instead.
"""

import re

import markdown
import nh3
from django.utils.html import escape, linebreaks

MAX_CHARS = 20_000
MAX_NESTING = 6  # list indentation levels or quote markers on one line
MAX_BRACKETS = 400  # "[" in the whole text: links and images need two each

_INDENT = re.compile(r"^(?P<lead>[ \t>]*)")


def _nesting(line: str) -> int:
    match = _INDENT.match(line)
    lead = match["lead"] if match else ""  # the pattern matches every line
    return lead.count(">") + len(lead.replace(">", "").expandtabs(4)) // 2


def markdown_problem(source: str) -> str:
    """Why this text cannot be rendered, in a sentence for the writer; "" if it can."""
    if len(source) > MAX_CHARS:
        return f"The text is longer than {MAX_CHARS:,} characters: shorten it."
    if source.count("[") > MAX_BRACKETS:
        return f"The text has more than {MAX_BRACKETS} “[” brackets: keep links to a few."
    if any(_nesting(line) > MAX_NESTING for line in source.splitlines()):
        return f"Lists and quotes may be nested at most {MAX_NESTING} levels deep."
    return ""


def render_markdown(source: str) -> str:
    """Markdown to clean HTML (no script, no styles), within the limits above."""
    if markdown_problem(source):
        return linebreaks(escape(source[:MAX_CHARS]))
    return nh3.clean(markdown.markdown(source, extensions=["sane_lists"]))
