from django import template

from accounts.roles import is_section_staff
from evaluation.panels import lessons_for_draft
from evaluation.services.common import is_own_partnership

register = template.Library()


@register.simple_tag(takes_context=True)
def draft_lessons(context, organisation=None, form=None) -> list[dict]:
    """Lessons for a request being drafted; the link to the evaluation only where the
    viewer may open it (staff, or the group whose activity it was)."""
    user = context["request"].user
    return [
        {
            "lesson": lesson,
            "url": lesson.get_absolute_url()
            if is_section_staff(user)
            or is_own_partnership(user, lesson.evaluation.activity.partnership)
            else "",
        }
        for lesson in lessons_for_draft(organisation=organisation, form=form)
    ]
