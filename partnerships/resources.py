"""CSV import and export of organisations, and the pieces every CSV resource shares.

The shared pieces live here because partnerships is the base app: outreach's
contact resource builds on them without partnerships importing outreach.
"""

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from import_export import fields, resources, widgets

from .matching import normalise_name
from .models import Organisation
from .models.organisations import OrganisationKind, Scope

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_formula(value):
    """Undo escape_formula, so that an exported file imports back unchanged."""
    if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class ChoiceWidget(widgets.CharWidget):
    """A choice given by its stored value or its label, in any case."""

    def __init__(self, choices: type[TextChoices], *, what: str | Promise) -> None:
        super().__init__()
        self.choices = choices
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return ""
        for choice in self.choices:
            if text.lower() in (choice.value.lower(), choice.label.lower()):
                return choice.value
        known = ", ".join(str(choice.label) for choice in self.choices)
        raise ValueError(
            gettext("unknown %(what)s “%(text)s”; use one of: %(known)s")
            % {"what": self.what, "text": text, "known": known}
        )

    def render(self, value, obj=None, **kwargs):
        return self.choices(value).label if value else ""


class CountryWidget(widgets.CharWidget):
    """A country by its two-letter code or its English name."""

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return ""
        if text.upper() in dict(countries):
            return text.upper()
        code = countries.by_name(text)
        if not code:
            raise ValueError(
                gettext("unknown country “%(text)s”; use a name or a two-letter code")
                % {"text": text}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return str(value.code if hasattr(value, "code") else value or "")


class YesNoWidget(widgets.Widget):
    YES = {"yes", "y", "true", "1", "ja", "oui"}
    NO = {"no", "n", "false", "0", "nee", "non", ""}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(gettext("“%(value)s” is neither yes nor no") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class SafeCsvResource(resources.ModelResource):
    """A resource whose exports cannot run as formulas and whose errors read plainly.

    import-export's own formula escaping handles only a leading "="; this one
    covers every prefix a spreadsheet evaluates.
    """

    # The columns a file must have.
    required_columns: tuple[str, ...] = ()
    identity_name: str | Promise = _("e-mail")

    @classmethod
    def identity(cls, values: dict) -> str:
        """What recognises the same record twice (duplicate rows, existing records)."""
        return (values.get("email") or "").strip().lower()

    def __init__(self, *, user=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.user = user

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            value = value.strip() if isinstance(value, str) else value
            row[column] = unescape_formula(value)

    def column_label(self, attribute: str) -> str:
        for field in self.fields.values():
            if attribute in (field.attribute, field.column_name):
                return field.column_name
        return attribute

    @classmethod
    def known_columns(cls) -> list[str]:
        return [field.column_name for field in cls().get_import_fields()]


class OrganisationResource(SafeCsvResource):
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(OrganisationKind, what=_("kind"))
    )
    scope = fields.Field(
        attribute="scope", column_name="scope", widget=ChoiceWidget(Scope, what=_("scope"))
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())

    required_columns = ("name", "kind")
    identity_name = _("e-mail, or name when there is no e-mail")

    @classmethod
    def identity(cls, values: dict) -> str:
        email = (values.get("email") or "").strip().lower()
        return email or normalise_name(values.get("name") or "")

    class Meta:
        model = Organisation
        fields = (
            "name",
            "acronym",
            "kind",
            "scope",
            "country",
            "region",
            "website",
            "email",
            "phone",
            "mandate_summary",
        )
        import_id_fields = ("email",)
        clean_model_instances = True
        skip_diff = True

    def get_instance(self, instance_loader, row):
        # The e-mail recognises an organisation; without one, its normalised name does.
        email = (row.get("email") or "").strip()
        if email:
            return Organisation.objects.filter(email__iexact=email).first()
        name_key = normalise_name(row.get("name") or "")
        if not name_key:
            return None
        return Organisation.objects.filter(name_key=name_key, email="").first()

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.scope:
            instance.scope = Scope.NATIONAL
        if not instance.name:
            raise ValidationError({"name": gettext("the organisation needs a name")})
