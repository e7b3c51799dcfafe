"""Text and value conventions shared by every rule (docs/design/evaluation.md §1, §3)."""
from __future__ import annotations

import unicodedata
from typing import Any, Tuple


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def nfc_strip(s: str) -> str:
    """What equality compares: NFC, surrounding whitespace removed."""
    return nfc(s).strip()


def normalise_text(s: str) -> str:
    """Normalised equality (evaluation.md §3): NFC, whitespace runs folded to one space, case-folded."""
    return " ".join(nfc(s).split()).casefold()


# How reference data compares names (docs/rule-language.md, "Reference data"): `match.normalise`.
NORMALISE_MODES = ("case", "whitespace", "punctuation", "spaces")
DEFAULT_NORMALISE = ("case", "whitespace")


def normalise_as(s: str, modes: Tuple[str, ...]) -> str:
    """`s` compared under the modes of a reference data set: NFC and trimmed always; then
    punctuation dropped, whitespace runs folded to one space (or all whitespace dropped) and case
    folded, as the modes ask.  With the default modes this equals normalise_text."""
    s = nfc(s)
    if "punctuation" in modes:
        s = "".join(c for c in s if not unicodedata.category(c).startswith("P"))
    if "spaces" in modes:
        s = "".join(s.split())
    elif "whitespace" in modes:
        s = " ".join(s.split())
    else:
        s = s.strip()
    return s.casefold() if "case" in modes else s


def is_missing(value: Any) -> bool:
    """Absent, null or empty (evaluation.md §1); `False` and `0` are present."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(is_missing(v) for v in value)
    if isinstance(value, dict):
        return all(is_missing(v) for v in value.values())
    return False


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP, CSV injection): a cell that
    starts with = + - @, a tab or a carriage return gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value
