"""Writes through the web pages' forms: one validation for the page and the API.

`form_serializer(FormClass)` derives the JSON input's shape (and its schema, with
enum values) from the page's form; the form then validates the input exactly as on
the page, so rules such as the existing-relationship check hold for both.
"""

from collections.abc import Collection, Iterable
from functools import cache
from typing import Any, cast

from django import forms
from django.db import models
from rest_framework import serializers


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }


def validated(form: forms.BaseForm, *, under: str = ""):
    """The form, valid; otherwise a 400 with its messages by field (nested `under` a key)."""
    if not form.is_valid():
        errors = form_errors(form)
        raise serializers.ValidationError({under: errors} if under else errors)
    return form


def _choices(field: forms.ChoiceField) -> list[tuple[Any, Any]]:
    # A form's choices are resolved to (value, label) pairs by the time it exists.
    return cast(list[tuple[Any, Any]], list(cast(Iterable, field.choices)))


def _serializer_field(field: forms.Field) -> serializers.Field:
    common = {"required": field.required, "help_text": str(field.help_text or field.label or "")}
    if isinstance(field, forms.ModelChoiceField):
        # Any row of the model passes here; which rows the page allows is the form's to say.
        assert field.queryset is not None  # every model field of a form has one
        rows = field.queryset.model._default_manager.all()
        if isinstance(field, forms.ModelMultipleChoiceField):
            return serializers.PrimaryKeyRelatedField(
                queryset=rows, many=True, **common, allow_empty=not field.required
            )
        return serializers.PrimaryKeyRelatedField(
            queryset=rows, allow_null=not field.required, **common
        )
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(
            choices=list(_choices(field)), allow_empty=not field.required, **common
        )
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(
            choices=[c for c in _choices(field) if c[0] != ""], allow_blank=not field.required,
            **common,
        )  # fmt: skip
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**{**common, "required": False})
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(allow_null=not field.required, **common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=not field.required, **common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=field.min_value, max_value=field.max_value, **common
        )
    if isinstance(field, forms.FloatField):
        return serializers.FloatField(**common)
    max_length = getattr(field, "max_length", None)
    return serializers.CharField(
        max_length=max_length, allow_blank=not field.required, trim_whitespace=False, **common
    )


@cache
def form_serializer(
    form_class: type[forms.BaseForm], name: str, **form_kwargs
) -> type[serializers.Serializer]:
    """A serializer with the form's fields, for checking the JSON's types and for the schema."""
    form = form_class(**form_kwargs)
    fields = {key: _serializer_field(field) for key, field in form.fields.items()}
    return type(name, (serializers.Serializer,), {**fields, "__module__": form_class.__module__})


def form_data(
    request_data, *, instance: models.Model | None = None, fields: Collection[str] = ()
) -> dict[str, Any]:
    """The form's input: for a partial update, the instance's current values under
    what the client sent (a form needs every field)."""
    data: dict[str, Any] = {}
    if instance is not None:
        for name in fields:
            field = cast(models.Field, instance._meta.get_field(name))  # a form's fields
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
    if not isinstance(data, dict):
        raise serializers.ValidationError({"non_field_errors": ["Send a JSON object."]})
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def bound_form(
    form_class: type[forms.BaseModelForm],
    input_serializer: type[serializers.Serializer],
    request_data,
    *,
    instance: models.Model | None = None,
    partial: bool = False,
    **form_kwargs,
):
    """The page's model form, bound to the JSON and valid (else a 400): types checked,
    and for a partial update the instance's other values filled in."""
    check_types(input_serializer, request_data, partial=partial)
    data = form_data(
        request_data, instance=instance if partial else None, fields=form_class._meta.fields or ()
    )
    return validated(form_class(data=data, instance=instance, **form_kwargs))
