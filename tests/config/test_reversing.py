import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from config.reversing import reverse_id


@pytest.mark.parametrize(
    "name",
    [
        "partnerships:organisation_detail",
        "outreach:contact_detail",
        "outreach:approach_detail",
        "admin:partnerships_partnershiprequest_change",
        "risk:assessment_detail",
    ],
)
def test_reverse_id_writes_what_reverse_writes(name):
    for pk in [1, 42, 907, 123456789]:
        assert reverse_id(name, pk) == reverse(name, args=[pk])


def test_reverse_id_follows_the_script_prefix():
    try:
        set_script_prefix("/partnerdesk/")
        assert reverse_id("outreach:contact_detail", 7) == "/partnerdesk/outreach/contacts/7/"
    finally:
        set_script_prefix("/")
    assert reverse_id("outreach:contact_detail", 7) == "/outreach/contacts/7/"


def test_anything_but_an_id_goes_through_reverse():
    with pytest.raises(NoReverseMatch):
        reverse_id("outreach:contact_detail", None)
    with pytest.raises(NoReverseMatch):
        reverse_id("outreach:contact_detail", -1)
    assert reverse_id("outreach:contact_detail", "12") == "/outreach/contacts/12/"


def test_reverse_name_writes_what_reverse_writes_and_none_for_a_missing_name():
    from config.reversing import reverse_name

    assert reverse_name("dashboard:home") == reverse("dashboard:home")
    assert reverse_name("partnerships:organisation_list") == reverse(
        "partnerships:organisation_list"
    )
    assert reverse_name("no_such:page") is None


def test_reverse_name_reverses_a_name_once(monkeypatch):
    import config.reversing as reversing

    calls = []

    def counting(name, *args, **kwargs):
        calls.append(name)
        return reverse(name, *args, **kwargs)

    reversing._named.clear()
    monkeypatch.setattr(reversing, "reverse", counting)
    first = [reversing.reverse_name("risk:register") for _ in range(3)]
    assert first == [reverse("risk:register")] * 3 and calls == ["risk:register"]


def test_reverse_name_forgets_when_the_url_configuration_changes(settings):
    from config.reversing import reverse_name

    assert reverse_name("dashboard:home") is not None
    settings.ROOT_URLCONF = "tests.config.urls_without_pages"
    assert reverse_name("dashboard:home") is None
