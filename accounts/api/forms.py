"""Writes through the web pages' forms: one validation for the page and the API.

A serializer checks the JSON's types (and documents them); the page's form then
validates the same input exactly as it does on the page, so rules such as the
existing-relationship check hold for both.
"""

from django import forms
from django.db import models
from rest_framework import serializers


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }


def validated(form: forms.BaseForm) -> forms.BaseForm:
    """The form, valid; otherwise a 400 with its messages by field."""
    if not form.is_valid():
        raise serializers.ValidationError(form_errors(form))
    return form


def form_data(
    request_data, *, instance: models.Model | None = None, fields: list[str] = ()
) -> dict:
    """The form's input: for a partial update, the instance's current values under
    what the client sent (a form needs every field)."""
    data = {}
    if instance is not None:
        for name in fields:
            field = instance._meta.get_field(name)
            if field.many_to_many:
                data[name] = [obj.pk for obj in getattr(instance, name).all()]
            elif field.is_relation:
                data[name] = getattr(instance, field.attname)
            else:
                value = field.value_from_object(instance)
                data[name] = "" if value is None else value
    data.update({key: "" if value is None else value for key, value in request_data.items()})
    return data


def check_types(serializer_class: type[serializers.Serializer], data, *, partial=False) -> dict:
    """Reject wrongly typed JSON (a list for a date, an object for a name) with a 400
    before the form sees it."""
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
