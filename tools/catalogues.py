"""Maintain the message catalogues in engine/locale/ (docs/translating.md).

    python tools/catalogues.py template   # engine/locale/idm.pot from the English catalogue
    python tools/catalogues.py compile    # every idm.po -> the idm.mo next to it

The message ids are keys ("report.waived"); English is the source language, so the template is
the English catalogue with its texts moved into translator comments and the translations emptied.
`pybabel init`/`update` then make or refresh a language's idm.po from the template, and compile
writes the idm.mo that idm reads (tests/unit/test_i18n.py fails while one is out of date).
"""
from __future__ import annotations

import io
import os
import sys
from typing import Iterator

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCALE = os.path.join(ROOT, "engine", "locale")
DOMAIN = "idm"


def po_files() -> Iterator[str]:
    for lang in sorted(os.listdir(LOCALE)):
        path = os.path.join(LOCALE, lang, "LC_MESSAGES", DOMAIN + ".po")
        if os.path.isfile(path):
            yield path


def read(path: str) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh)


def compiled(path: str) -> bytes:
    """The .mo bytes of the catalogue at `path` (deterministic: Babel sorts the entries)."""
    buf = io.BytesIO()
    write_mo(buf, read(path), use_fuzzy=False)
    return buf.getvalue()


def _entries(catalog: Catalog) -> dict:
    def plain(value):
        return value if isinstance(value, str) else tuple(value)
    return {plain(m.id): plain(m.string) for m in catalog if m.id}


def up_to_date(path: str) -> bool:
    """Whether the idm.mo next to the idm.po at `path` holds the same messages and plural rule
    (compared by content: Babel versions differ in the bytes they write)."""
    po = read(path)
    try:
        with open(path[:-3] + ".mo", "rb") as fh:
            mo = read_mo(fh)
    except OSError:
        return False
    return (_entries(po), po.plural_forms) == (_entries(mo), mo.plural_forms)


def template() -> Catalog:
    english = read(os.path.join(LOCALE, "en", "LC_MESSAGES", DOMAIN + ".po"))
    pot = Catalog(domain=DOMAIN, project="idm", version="", fuzzy=False)
    for m in english:
        if not m.id:
            continue
        shown = m.string if isinstance(m.string, str) else " | ".join(m.string)
        pot.add(m.id, None, auto_comments=["en: " + shown] + list(m.auto_comments),
                user_comments=list(m.user_comments))
    return pot


def main(argv: list) -> int:
    if argv == ["template"]:
        with open(os.path.join(LOCALE, DOMAIN + ".pot"), "wb") as fh:
            write_po(fh, template(), width=100, no_location=True, sort_output=True)
    elif argv == ["compile"]:
        for path in po_files():
            with open(path[:-3] + ".mo", "wb") as fh:
                fh.write(compiled(path))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
