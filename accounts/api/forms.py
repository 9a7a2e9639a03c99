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
from django.utils.translation import gettext
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
    # Lazy, not str(): the schema is rendered in the reader's language, long after import.
    common = {"required": field.required, "help_text": field.help_text or field.label or ""}
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
    # Decimal and float fields are integer fields in django.forms: test them first.
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places,
            min_value=field.min_value, max_value=field.max_value, allow_null=not field.required,
            coerce_to_string=False, **common,
        )  # fmt: skip
    if isinstance(field, forms.FloatField):
        return serializers.FloatField(
            min_value=field.min_value, max_value=field.max_value, allow_null=not field.required,
            **common,
        )  # fmt: skip
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=field.min_value, max_value=field.max_value, allow_null=not field.required,
            **common,
        )  # fmt: skip
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
        raise serializers.ValidationError({"non_field_errors": [gettext("Send a JSON object.")]})
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


def _row_values(form_class: type[forms.BaseModelForm], row: models.Model) -> dict:
    """A saved row as its form would post it (for the rows a request leaves unchanged)."""
    values = {}
    for name in form_class._meta.fields or ():
        field = cast(models.Field, row._meta.get_field(name))  # a form's fields
        value = getattr(row, field.attname) if field.is_relation else field.value_from_object(row)
        values[name] = "" if value is None else value
    return values


def bound_formset(
    formset_class,
    items,
    *,
    instance: models.Model,
    prefix: str,
    key: str = "id",
    replace: bool = True,
):
    """The page's inline formset bound to a JSON list of rows, and valid (else a 400
    with the messages under `prefix`, by the list's index).

    An item whose `key` names a saved row changes that row; any other item is a new
    row; with `replace` (PUT, or a PATCH that sends the list) the saved rows the list
    does not name are deleted, as ticking "delete" on the page does."""
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise serializers.ValidationError({prefix: [gettext("Send a list of JSON objects.")]})
    form_class = formset_class.form
    row_input = form_serializer(form_class, f"{form_class.__name__}RowSerializer")
    saved = (
        list(formset_class(instance=instance, prefix=prefix).get_queryset()) if instance.pk else []
    )
    by_key = {str(getattr(row, key)): row for row in saved}
    named: dict[str, int] = {}
    for index, item in enumerate(items):
        if key == "id" and item.get("id") is not None and str(item["id"]) not in by_key:
            raise serializers.ValidationError(
                {prefix: {str(index): {"id": [gettext("No such row here.")]}}}
            )
        check_types(row_input, item, partial=str(item.get(key)) in by_key)
        if str(item.get(key)) in by_key:
            named[str(item[key])] = index
    # Saved rows come first (the formset's "initial" forms), then the new ones.
    rows: list[tuple[models.Model | None, dict, bool, int | None]] = []
    for row in saved:
        position = named.get(str(getattr(row, key)))
        values = _row_values(form_class, row)
        if position is not None:
            values.update({k: "" if v is None else v for k, v in items[position].items()})
        rows.append((row, values, position is None and replace, position))
    for index, item in enumerate(items):
        if str(item.get(key)) not in by_key:
            new = {k: "" if v is None else v for k, v in item.items() if k != "id"}
            rows.append((None, new, False, index))
    data: dict = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(len(saved)),
    }
    for number, (row, values, delete, _index) in enumerate(rows):
        for name, value in values.items():
            data[f"{prefix}-{number}-{name}"] = value
        if row is not None:
            data[f"{prefix}-{number}-id"] = row.pk
        if delete:
            data[f"{prefix}-{number}-DELETE"] = "on"
    formset = formset_class(data=data, instance=instance, prefix=prefix)
    if not formset.is_valid():
        errors: dict = {}
        for form, (_row, _values, _delete, position) in zip(formset.forms, rows, strict=False):
            if form.errors:
                errors[str(position if position is not None else "saved")] = form_errors(form)
        if formset.non_form_errors():
            errors["non_field_errors"] = [str(m) for m in formset.non_form_errors()]
        raise serializers.ValidationError({prefix: errors})
    return formset
