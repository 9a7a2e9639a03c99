"""get_FOO_display() shows the same label as Django's, translating only that one."""

from types import SimpleNamespace

import pytest
from django.db import models
from django.utils import translation

from config.choices import _django_get_field_display, _get_field_display
from partnerships.models import Organisation
from partnerships.models.organisations import OrganisationKind


@pytest.fixture
def translations(monkeypatch):
    """Counts the catalogue look-ups that lazy labels make."""
    calls = []
    real = translation._trans.gettext

    def counting(message):
        calls.append(message)
        return real(message)

    monkeypatch.setattr(translation._trans, "gettext", counting)
    return calls


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_kind_reads_as_django_would_show_it(language):
    field = Organisation._meta.get_field("kind")
    with translation.override(language):
        for kind in OrganisationKind:
            organisation = Organisation(kind=kind.value)
            assert organisation.get_kind_display() == _django_get_field_display(organisation, field)
            assert organisation.get_kind_display() == str(kind.label)


def test_one_label_is_translated_not_every_label_of_the_field(translations):
    organisation = Organisation(kind=OrganisationKind.choices[-1][0])
    organisation.get_kind_display()  # the first call builds the field's labels once
    translations.clear()
    with translation.override("fr"):
        organisation.get_kind_display()
    assert len(OrganisationKind.choices) > 5
    assert len(translations) == 1


def test_an_unknown_value_shows_itself():
    assert Organisation(kind="not-a-kind").get_kind_display() == "not-a-kind"


def letter_field(choices) -> models.CharField:
    field = models.CharField(max_length=1, choices=choices)
    field.set_attributes_from_name("letter")
    return field


def test_choices_given_as_a_callable_are_read_at_each_call():
    offered = [("a", "Alpha")]
    field, row = letter_field(lambda: offered), SimpleNamespace(letter="b")
    assert _get_field_display(row, field) == "b"
    offered.append(("b", "Beta"))
    assert _get_field_display(row, field) == "Beta"


def test_choices_reassigned_on_a_field_are_read_again():
    field, row = letter_field([("a", "Alpha")]), SimpleNamespace(letter="a")
    assert _get_field_display(row, field) == "Alpha"
    field.choices = [("a", "Aleph")]
    assert _get_field_display(row, field) == "Aleph"
