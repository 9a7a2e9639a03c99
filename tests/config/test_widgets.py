import pytest
from django.utils import translation
from django_countries import countries

from config.widgets import CountrySelect, QuickSelect


def test_quick_select_renders_the_options_and_marks_the_chosen_one():
    widget = QuickSelect(choices=[("", "Any"), ("NL", "Netherlands"), ("BE", "<Belgium>")])
    html = widget.render("country", "NL", attrs={"id": "id_country", "class": "form-select"})
    assert html.startswith("<select ") and html.endswith("</select>")
    assert 'name="country"' in html and 'class="form-select"' in html
    assert '<option value="NL" selected>Netherlands</option>' in html
    assert '<option value="">Any</option>' in html
    assert "&lt;Belgium&gt;" in html


def test_quick_select_escapes_values_once_and_keeps_safe_labels():
    from django.utils.safestring import mark_safe

    widget = QuickSelect(choices=[('a"b', mark_safe("<b>Bold</b>")), (None, "None")])
    html = widget.render("field", None)
    assert '<option value="a&quot;b"><b>Bold</b></option>' in html
    assert '<option value="" selected>None</option>' in html  # no value: the empty one


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("value", [None, "", "FR", "ZA", "XX", '"><script>'])
def test_country_select_writes_what_quick_select_writes(language, value):
    # The options kept per language, with the choice marked in them, are the markup a
    # QuickSelect writes from the countries themselves.
    attrs = {"id": "id_country", "class": "form-select form-select-sm"}
    with translation.override(language):
        expected = QuickSelect(choices=[("", "Any country"), *countries]).render(
            "country", value, attrs=attrs
        )
        kept = CountrySelect(empty_label="Any country")
        assert kept.render("country", value, attrs=attrs) == expected
        assert kept.render("country", value, attrs=attrs) == expected  # from what was kept


def test_country_select_follows_the_readers_language():
    with translation.override("fr"):
        french = CountrySelect().render("country", "DE")
    with translation.override("en"):
        english = CountrySelect().render("country", "DE")
    assert '<option value="DE" selected>Allemagne</option>' in french
    assert '<option value="DE" selected>Germany</option>' in english
    assert french.index('value="ZA"') < french.index('value="AL"')  # Afrique du Sud, Albanie


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    ["/organisations/new/", "/organisations/{org}/edit/", "/outreach/contacts/new/",
     "/outreach/contacts/{contact}/edit/", "/admin/partnerships/organisation/{org}/change/"],
)  # fmt: skip
def test_forms_write_the_countries_kept_per_language_and_mark_the_chosen_one(
    client, role_user, page, monkeypatch
):
    # Django's select includes a template per option: 28 ms of the organisation form at
    # the bench. Every form with a country writes the options kept by CountrySelect.
    from django.forms.widgets import Select

    from accounts.roles import Role
    from tests.factories import ContactFactory, OrganisationFactory

    organisation, contact = OrganisationFactory(country="NL"), ContactFactory(country="NL")
    client.force_login(role_user(Role.COORDINATOR))
    rendered = []
    monkeypatch.setattr(Select, "render", lambda self, name, *a, **k: rendered.append(name) or "")
    url = page.format(org=organisation.pk, contact=contact.pk)
    html = client.get(url).content.decode()
    assert "country" not in rendered  # Django's own Select never drew it
    select = html[html.index('name="country"') :]
    select = select[: select.index("</select>")]
    assert select.count("<option") == len(countries) + 1
    new = "new" in url
    empty = '<option value="" selected>---------</option>' if new else '<option value="">---------</option>'  # fmt: skip
    assert empty in select
    assert ('<option value="NL" selected>' in select) == (not new)
