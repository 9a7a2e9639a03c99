from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from accounts.admin_mixins import StaffReadOnlyAdminMixin
from config.widgets import country_input
from partnerships.models import Affiliation, Organisation


class AffiliationInline(StaffReadOnlyAdminMixin, admin.TabularInline):
    model = Affiliation
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(StaffReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "acronym",
        "kind",
        "scope",
        "country_name",
        "relationship_status",
        "relationship_owner",
    ]
    list_filter = [
        "kind",
        "scope",
        "relationship_status",
        "focus_civil_political",
        "focus_economic_social_cultural",
        "country",
    ]
    list_select_related = ["relationship_owner"]
    search_fields = ["name", "acronym", "website_domain", "email_domain", "external_id"]
    autocomplete_fields = ["relationship_owner"]
    readonly_fields = [
        "name_key",
        "acronym_key",
        "website_domain",
        "email_domain",
        "created_at",
        "updated_at",
    ]
    inlines = [AffiliationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_per_page = 50

    # The country's own name: the admin's cell for a field with choices flattens all 250
    # countries for every row (two thirds of this list's time at the bench).
    @admin.display(description=_("country"), ordering="country")
    def country_name(self, obj: Organisation) -> str | None:
        return obj.country.name or None  # None: the admin's dash

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # A field with choices never reaches formfield_overrides.
        if isinstance(db_field, CountryField):
            kwargs["widget"] = country_input()
        return super().formfield_for_choice_field(db_field, request, **kwargs)
