"""Compiled translations without GNU gettext: a fresh machine has only Python.

`make run` and `make test` (and the test suite itself) compile each
locale/<lang>/LC_MESSAGES/django.po to its .mo with Babel, a pure-Python
package. The .mo files are build products and not committed. Nothing here
imports Django, so it runs before settings exist."""

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["fr", "es"]

# How the catalogues are updated (`make messages-update`); the completeness test
# runs the same command on a copy of the tree.
MAKEMESSAGES_ARGS = [
    "makemessages",
    *(f"--locale={language}" for language in LANGUAGES),
    "--no-location",
    "--no-obsolete",
    *(
        f"--ignore={pattern}"
        for pattern in [".venv", "var", "tests", "bench", "node_modules", "*/migrations/*"]
    ),
]


def compile_messages(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every .po newer than its .mo; returns the .mo files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_messages():
        print(f"compiled {path.relative_to(LOCALE_DIR.parent)}")
