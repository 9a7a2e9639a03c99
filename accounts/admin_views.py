"""The admin's "view on site" redirect, answering the same for a hidden or a missing object.

Django's own `/admin/r/<content_type>/<id>/` redirects for any existing row and says
"does not exist" otherwise, whatever the user may see: for a person at risk that
confirms they exist. Here every refusal is the same 404, and visibility is asked of
the model's queryset (`visible_to(user)`, where a model has one) and of the user's
view permission, so the rule stays the one the pages use.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect

NOT_FOUND = "Nothing to show at this address."


def _visible_object(request: HttpRequest, content_type_id: int, object_id: str):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None:
        return None
    opts = model._meta
    if not any(
        request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    ):
        return None
    queryset = model._default_manager.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(request.user)
    try:
        return queryset.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def view_on_site(request: HttpRequest, content_type_id: int, object_id: str):
    obj = _visible_object(request, content_type_id, object_id)
    if obj is None or not hasattr(obj, "get_absolute_url"):
        raise Http404(NOT_FOUND)
    return HttpResponseRedirect(obj.get_absolute_url())
