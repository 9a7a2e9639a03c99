"""`reverse_id`: the address of one record, for the pages that write one per row.

Django's `reverse()` costs about 50 µs; a list page writes 50 to 100 such links and
the organisation timeline 100 (issue 15's profiles). For a URL whose only argument is
an integer id, the address is the same text around the id: it is reversed once per
URL name (and URL configuration and script prefix) with a stand-in id, then written
by concatenation. Anything else goes through `reverse()` as before.

`reverse_name`: the address of a page without arguments, or None where the URL
configuration has no such page; the navigation bar asks for 17 of them on every page.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_STAND_IN = 907_311_285_446_377  # an id no table reaches; found once in the address
_around: dict[tuple[str, str | None, str], tuple[str, str] | None] = {}


def reverse_id(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])`, the same text, faster for the second and later ids."""
    if type(pk) is not int or pk < 0:
        return reverse(name, args=[pk])
    key = (name, get_urlconf(), get_script_prefix())
    if key not in _around:
        address = reverse(name, args=[_STAND_IN])
        parts = address.split(str(_STAND_IN))
        _around[key] = (parts[0], parts[1]) if len(parts) == 2 else None
    around = _around[key]
    if around is None:
        return reverse(name, args=[pk])
    return f"{around[0]}{pk}{around[1]}"


_named: dict[tuple[str, str | None, str], str | None] = {}


def reverse_name(name: str) -> str | None:
    """`reverse(name)`, or None for a name the URL configuration lacks; once per name."""
    key = (name, get_urlconf(), get_script_prefix())
    if key not in _named:
        try:
            _named[key] = reverse(name)
        except NoReverseMatch:
            _named[key] = None
    return _named[key]


@receiver(setting_changed, dispatch_uid="config.reversing")
def _forget(setting: str, **kwargs) -> None:
    # A test that swaps the URL configuration must not read the previous one's addresses.
    if setting == "ROOT_URLCONF":
        _around.clear()
        _named.clear()
