"""`get_FOO_display()` that translates only the label it shows.

Django's `Model._get_FIELD_display` builds `dict(make_hashable(field.flatchoices))` on
every call, and `make_hashable` hashes each lazy label: hashing a lazy string
translates it. A 50-row list with an 18-kind column so translates 900 labels to show
50, a fifth of the organisation list's time at 100,000 organisations (issue 15).

Here the value-to-label dict is built once per field and keyed by the values alone;
the labels stay lazy, so the one shown is translated in the reader's language. Fields
whose choices are a callable (evaluated per use) keep Django's own path.
"""

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_CACHE = "_partnerdesk_display_labels"
_django_get_field_display = models.Model._get_FIELD_display  # type: ignore[attr-defined]


def labels_of(field: models.Field) -> dict:
    choices = field.choices
    cached = field.__dict__.get(_CACHE)
    if cached is None or cached[0] is not choices:  # choices reassigned: build again
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        cached = field.__dict__[_CACHE] = (choices, labels)
    return cached[1]


def _get_field_display(self: models.Model, field: models.Field):
    if isinstance(field.choices, CallableChoiceIterator):
        return _django_get_field_display(self, field)
    value = getattr(self, field.attname)
    return force_str(labels_of(field).get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Rebinds each model's get_FOO_display (Django binds Model._get_FIELD_display to the
    field when the class is built); a model's own get_FOO_display stays as written."""
    for model in apps.get_models():
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            bound = model.__dict__.get(name)
            if isinstance(bound, partialmethod) and bound.func is _django_get_field_display:
                setattr(model, name, partialmethod(_get_field_display, field=field))
