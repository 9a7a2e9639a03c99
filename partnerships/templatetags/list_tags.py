"""Tags of the shared list-page pieces (templates/includes/)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from config.sorting import ListSorting

register = template.Library()

ARROWS = {"ascending": "▲", "descending": "▼"}


@register.simple_tag(takes_context=True)
def sort_header(context, label: str, key: str, css_class: str = "") -> str:
    """A column header that sorts the list by `key`, keeping the other query
    parameters (the page goes: a new order starts on page one)."""
    sorting: ListSorting | None = context.get("sorting")
    class_attr = format_html(' class="{}"', css_class) if css_class else ""
    if sorting is None or key not in sorting.allowed:
        return format_html('<th scope="col"{}>{}</th>', class_attr, label)
    query = context["request"].GET.copy()
    query.pop("page", None)
    query[sorting.param] = sorting.toggle(key)
    direction = sorting.direction(key)
    aria = format_html(' aria-sort="{}"', direction) if direction else ""
    arrow = (
        format_html(' <span aria-hidden="true">{}</span>', ARROWS[direction]) if direction else ""
    )
    return format_html(
        '<th scope="col"{}{}><a class="sort-link" href="?{}" title="{}">{}{}</a></th>',
        class_attr,
        aria,
        query.urlencode(),
        _("Sort by this column"),
        label,
        arrow,
    )


# Parameters that order or page a list rather than narrow it.
NOT_FILTERS = {"page", "sort"}


@register.simple_tag(takes_context=True)
def filters_active(context) -> bool:
    """Whether the request narrows the list: then the filter panel starts open."""
    request = context.get("request")
    if request is None:
        return False
    return any(
        value.strip()
        for key, values in request.GET.lists()
        if key not in NOT_FILTERS
        for value in values
    )
