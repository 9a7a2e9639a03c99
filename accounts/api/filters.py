"""Filters shared by every app's API."""

from django import forms
from django.db.backends.base.operations import BaseDatabaseOperations
from django_filters import rest_framework as filters

# The largest primary key: a bigger number is a 400 (SQLite cannot even compare it).
_, MAX_PRIMARY_KEY = BaseDatabaseOperations.integer_field_ranges["BigAutoField"]


class IdFilter(filters.NumberFilter):
    """`?organisation=12`: a whole number in a primary key's range, else a 400 naming the
    parameter (NumberFilter alone takes 1.5 and numbers no database column holds)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_PRIMARY_KEY)
        super().__init__(*args, **kwargs)
