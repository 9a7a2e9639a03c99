"""CSV import and export of contacts (django-import-export), deduplicated by e-mail."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from accounts.errors import NotPossible
from partnerships.resources import ChoiceWidget, CountryWidget, SafeCsvResource, YesNoWidget

from .models import Contact, IndividualKind, Keyword, Sector
from .models.contacts import EMAIL_TAKEN_NEUTRAL, may_see_at_risk
from .services.contacts import consent_decide


class SectorsWidget(widgets.ManyToManyWidget):
    """Sectors by name or slug, separated by ";"; an unknown one is an error, not a silent drop."""

    def __init__(self) -> None:
        super().__init__(Sector, separator=";", field="name")
        self._by_key: dict[str, Sector] | None = None

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in (value or "").split(self.separator) if name.strip()]
        if not names:
            return Sector.objects.none()
        if self._by_key is None:  # once per file: a resource is made for each import
            self._by_key = {}
            for sector in Sector.objects.all():
                self._by_key[sector.name.lower()] = sector
                self._by_key[sector.slug.lower()] = sector
        by_key = self._by_key
        unknown = [name for name in names if name.lower() not in by_key]
        if unknown:
            listed = ", ".join(f"“{name}”" for name in unknown)
            raise ValueError(
                gettext("unknown sector %(sectors)s; the sectors are listed on the import page")
                % {"sectors": listed}
            )
        return [by_key[name.lower()] for name in names]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(sector.name for sector in value.all()) if value is not None else ""


class KeywordsWidget(widgets.ManyToManyWidget):
    """Interest keywords separated by ";": new ones join the shared vocabulary."""

    def __init__(self) -> None:
        super().__init__(Keyword, separator=";", field="name")
        self._known: dict[str, Keyword] = {}

    def clean(self, value, row=None, **kwargs):
        names = {name.strip().lower() for name in (value or "").split(";") if name.strip()}
        for name in names:
            if len(name) > Keyword._meta.get_field("name").max_length:
                raise ValueError(gettext("the keyword “%(name)s” is too long") % {"name": name})
        return [self._keyword(name) for name in sorted(names)]

    def _keyword(self, name: str) -> Keyword:
        if name not in self._known:
            existing = Keyword.objects.filter(name__iexact=name).first()
            self._known[name] = existing or Keyword.objects.create(name=name)
        return self._known[name]

    def render(self, value, obj=None, **kwargs):
        return "; ".join(keyword.name for keyword in value.all()) if value is not None else ""


class ContactResource(SafeCsvResource):
    individual_kind = fields.Field(
        attribute="individual_kind",
        column_name="individual_kind",
        widget=ChoiceWidget(IndividualKind, what=_("kind of individual")),
    )
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())
    sectors = fields.Field(attribute="sectors", column_name="sectors", widget=SectorsWidget())
    keywords = fields.Field(attribute="keywords", column_name="keywords", widget=KeywordsWidget())
    # Consent is read by import_instance (it needs its source), never set field by field.
    mailing_consent = fields.Field(column_name="mailing_consent", widget=YesNoWidget())
    consent_source = fields.Field(column_name="consent_source")

    required_columns = ("last_name", "email")

    class Meta:
        model = Contact
        fields = (
            "first_name",
            "last_name",
            "email",
            "phone",
            "occupation",
            "individual_kind",
            "country",
            "languages",
            "sectors",
            "keywords",
            "mailing_consent",
            "consent_source",
        )
        import_id_fields = ("email",)
        clean_model_instances = True
        skip_diff = True

    def dehydrate_mailing_consent(self, contact: Contact) -> str:
        return "yes" if contact.has_consent else "no"

    def dehydrate_consent_source(self, contact: Contact) -> str:
        return contact.consent_source

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and self.user is not None:
            instance.owner = self.user

    def get_instance(self, instance_loader, row):
        email = (row.get("email") or "").strip()
        if not email:
            return None
        contact = Contact.objects.filter(email__iexact=email).first()
        if contact and contact.is_at_risk and not may_see_at_risk(self.user):
            # Worded like any refused address: the row must not confirm a hidden person.
            raise ValidationError({"email": EMAIL_TAKEN_NEUTRAL})
        return contact

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many columns are saved after the row; check them now so a bad
        # one is reported as this row's error before anything is written.
        for name in ("sectors", "keywords"):
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[name] = ValidationError(str(error))
        if not instance.email:
            errors.setdefault("email", ValidationError(gettext("an e-mail address is required")))
        if "mailing_consent" in row:
            try:
                self._import_consent(instance, row)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _import_consent(self, contact: Contact, row) -> None:
        try:
            wants = self.fields["mailing_consent"].clean(row)
        except ValueError as error:
            raise ValidationError({"mailing_consent": str(error)}) from error
        if wants and contact.has_consent:
            return  # an import repeating a consent on file does not renew it
        try:
            consent_decide(contact=contact, wants=wants, source=row.get("consent_source") or "")
        except NotPossible as error:
            raise ValidationError(
                {"consent_source": gettext("say where the consent comes from when it is “yes”")}
            ) from error
