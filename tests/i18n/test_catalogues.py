"""The French and Spanish catalogues are complete, exact and compiled.

The completeness test runs makemessages (GNU gettext) on a copy of the tree: a
string marked for translation that French or Spanish lacks fails it. Without
gettext it fails with how to install it; it never skips."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from config.i18n import LANGUAGES, LOCALE_DIR, MAKEMESSAGES_ARGS, compile_messages

ROOT = LOCALE_DIR.parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _catalogue(path: Path, language: str):
    with path.open("rb") as source:
        return read_po(source, locale=language)


def _entries(language: str, root: Path = ROOT):
    return [
        m
        for m in _catalogue(root / "locale" / language / "LC_MESSAGES" / "django.po", language)
        if m.id
    ]


def _untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(strings)


def _require_gettext() -> None:
    missing = [tool for tool in ("xgettext", "msgmerge", "msguniq") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"GNU gettext is missing ({', '.join(missing)}): install it with "
            "`sudo apt-get install -y gettext` (macOS: `brew install gettext`), or run `make test`, "
            "which installs it where it can."
        )


@pytest.fixture(scope="module")
def fresh_tree(tmp_path_factory) -> Path:
    """A copy of the sources with its catalogues updated by makemessages."""
    _require_gettext()
    copy = tmp_path_factory.mktemp("tree") / "partnerdesk"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "var", ".git", "node_modules", "__pycache__", "*.mo", ".*_cache"
        ),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES_ARGS],
        cwd=copy,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "HOME": str(copy),
        },
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return copy


@pytest.mark.parametrize("language", LANGUAGES)
def test_makemessages_finds_no_string_the_catalogue_lacks(fresh_tree, language):
    committed = {message.id for message in _entries(language)}
    fresh = _entries(language, fresh_tree)
    new = [message.id for message in fresh if message.id not in committed]
    assert not new, (
        f"Strings not yet in locale/{language} (run `make messages-update` and translate): {new[:20]}"
    )
    lacking = [message.id for message in fresh if _untranslated(message) or message.fuzzy]
    assert not lacking, f"Untranslated or fuzzy in {language}: {lacking[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy_or_untranslated(language):
    entries = _entries(language)
    assert entries
    assert not [m.id for m in entries if m.fuzzy], f"fuzzy entries in {language}"
    assert not [m.id for m in entries if _untranslated(m)], f"untranslated entries in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_are_the_same_as_in_the_source(language):
    wrong = []
    for message in _entries(language):
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(sources[-1])) | set(PLACEHOLDER.findall(sources[0]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((sources[0], string))
    assert not wrong, f"placeholders differ in {language}: {wrong[:10]}"


def test_the_catalogues_compile_without_gettext_and_are_used():
    compile_messages()
    for language in LANGUAGES:
        mo = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
        assert mo.stat().st_mtime >= mo.with_suffix(".po").stat().st_mtime
    with translation.override("fr"):
        assert translation.gettext("Log in") == "Se connecter"
    with translation.override("es"):
        assert translation.gettext("My requests") == "Mis solicitudes"
