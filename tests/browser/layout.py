"""Helpers for layout assertions: screenshots under var/screenshots/, and boxes that must not overlap."""

from itertools import combinations
from pathlib import Path

from django.conf import settings

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def boxes(page, selector: str) -> dict[str, dict]:
    """Every visible element matching `selector`, by a readable name, with its bounding box."""
    found = {}
    for index, element in enumerate(page.locator(selector).all()):
        box = element.bounding_box()
        if box and box["width"] and box["height"]:
            name = element.get_attribute("id") or f"{selector}[{index}]"
            found[f"{name} ({element.inner_text()[:30].strip()!r})"] = box
    return found


def overlapping(named_boxes: dict[str, dict]) -> list[tuple[str, str]]:
    def overlap(a: dict, b: dict) -> bool:
        return (
            a["x"] < b["x"] + b["width"] - 0.5
            and b["x"] < a["x"] + a["width"] - 0.5
            and a["y"] < b["y"] + b["height"] - 0.5
            and b["y"] < a["y"] + a["height"] - 0.5
        )

    return [
        (a, b)
        for (a, box_a), (b, box_b) in combinations(named_boxes.items(), 2)
        if overlap(box_a, box_b)
    ]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
