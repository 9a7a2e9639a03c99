from django import template

register = template.Library()

BADGE_CLASSES = {
    "draft": "text-bg-light border",
    "submitted": "text-bg-primary",
    "in_review": "text-bg-info",
    "needs_information": "text-bg-warning",
    "approved": "text-bg-success",
    "noted": "text-bg-success",
    "declined": "text-bg-danger",
    "escalated": "text-bg-dark",
    "withdrawn": "text-bg-secondary",
}


@register.filter
def status_badge_class(status: str) -> str:
    return BADGE_CLASSES.get(status, "text-bg-secondary")
