"""Form pieces shared by the outreach forms."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outreach.services.keywords import keyword_normalise
from partnerships.views.common import parse_id


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows whose posted ids are read by the one id parser first:
    a value too large for the database (SQLite raises OverflowError on `pk__in`) is an
    invalid choice, like any other."""

    def _check_values(self, value):
        for raw in value or ():
            if parse_id(str(raw)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                    params={"pk": raw},
                )  # fmt: skip
        return super()._check_values(value)


def today():
    return timezone.localdate()


class KeywordsField(forms.CharField):
    """Comma-separated keywords from the shared vocabulary, with autocomplete (keywords.js)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Separate keywords with commas; suggestions appear as you type.")
        )
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "data-keyword-autocomplete": reverse_lazy("outreach:keyword_autocomplete"),
                "autocomplete": "off",
            }
        )

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:
        names = [keyword_normalise(part) for part in (value or "").split(",")]
        return list(dict.fromkeys(name for name in names if name))

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise forms.ValidationError(_("Give at least one keyword."), code="required")
        too_long = [name for name in value if len(name) > 80]
        if too_long:
            raise forms.ValidationError(
                _("A keyword has at most 80 characters: %(names)s"),
                params={"names": ", ".join(too_long)},
            )
