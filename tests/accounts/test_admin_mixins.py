from django.contrib import admin
from django.utils import translation

from accounts.admin_mixins import ActionCheckboxAdminMixin
from partnerships.models import Organisation
from tests.factories import OrganisationFactory


def test_the_row_checkbox_is_django_s_own_html(db):
    # A name that needs escaping, and the French label: the same bytes either way.
    organisation = OrganisationFactory(name='Voix <libres> & "fortes"')
    ours = ActionCheckboxAdminMixin()
    django_s = admin.ModelAdmin(Organisation, admin.site)
    for language in ("en", "fr"):
        with translation.override(language):
            assert ours.action_checkbox(organisation) == django_s.action_checkbox(organisation)
