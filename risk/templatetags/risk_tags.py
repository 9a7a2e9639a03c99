import uuid

from django import template

from ..forms import AdviceForm
from ..models import RequestAdvice

register = template.Library()


@register.simple_tag
def advice_form_for(partnership_request=None) -> AdviceForm:
    """The request form's advice section, filled in with the draft's last advice."""
    if not getattr(partnership_request, "pk", None):
        return AdviceForm(prefix="advice")
    stored = RequestAdvice.objects.filter(partnership_request=partnership_request).first()
    organisation = partnership_request.organisation
    initial = AdviceForm.initial_from_event(stored.event, organisation) if stored else None
    return AdviceForm(prefix="advice", initial=initial)


@register.simple_tag
def new_advice_token() -> str:
    return str(uuid.uuid4())
