"""Every word idm shows users, read from one gettext catalogue per language, and the number
formats of each language.

The words live in `engine/locale/<lang>/LC_MESSAGES/idm.po` (edited by translators, compiled to
the `idm.mo` next to it, which is what is read here: the standard library parses it in well under
a millisecond).  Message ids are keys ("report.waived"), so one English text can change without
touching the other languages; `docs/translating.md` says how to add a language.  Rule titles and
messages come from the rule packs, which carry their own languages; `Catalogue.pick` chooses one.

One way to read a word, wherever it is used:

    words = catalogue(lang)
    words("report.waived")                      # a word or sentence
    words.plural("report.finding_count", n) % n  # the plural form for n, by the language's rule
    words.section("report")["waived"]           # the same, for code that reads one area's keys

A word several areas use alike is written once, as `word.<name>`: "report.yes" and
"history.yes" both find "word.yes" unless the area has its own.

The pseudo-locale `PSEUDO` ("qps") is every English text accented and lengthened, placeholders
kept: tests render every report in it to find words that bypass the catalogue.  It is not a
choice of `--lang`.
"""
from __future__ import annotations

import functools
import gettext
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, Mapping, Optional, Tuple, Union

LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
DOMAIN = "idm"
PSEUDO = "qps"


def _packaged_languages() -> Tuple[str, ...]:
    """The languages with a compiled catalogue, English first: adding a catalogue adds one."""
    try:
        found = [d for d in os.listdir(LOCALE_DIR)
                 if os.path.isfile(os.path.join(LOCALE_DIR, d, "LC_MESSAGES", DOMAIN + ".mo"))]
    except OSError:
        found = []
    return tuple(sorted(found, key=lambda d: (d != "en", d)))


LANGS: Tuple[str, ...] = _packaged_languages()


SHARED = "word."   # a word several areas use alike ("word.yes"), written once


def _lookup(words: Mapping[str, str], key: str) -> Optional[str]:
    """`key` ("report.yes"), else the shared word of its last part ("word.yes")."""
    found = words.get(key)
    if found is None and "." in key:
        found = words.get(SHARED + key.split(".", 1)[1])
    return found


class Section(Mapping[str, str]):
    """The words of one area ("report", "history", ...) under their short keys, the shared
    words included."""

    __slots__ = ("_words", "_prefix")

    def __init__(self, words: Mapping[str, str], prefix: str):
        self._words = words
        self._prefix = prefix + "."

    def __getitem__(self, key: str) -> str:
        found = _lookup(self._words, self._prefix + key)
        if found is None:
            raise KeyError(self._prefix + key)
        return found

    def __iter__(self) -> Iterator[str]:
        own = [k[len(self._prefix):] for k in self._words if k.startswith(self._prefix)]
        shared = [k[len(SHARED):] for k in self._words if k.startswith(SHARED)]
        return iter(own + sorted(set(shared) - set(own)))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Catalogue:
    """The words of one language: `catalogue(lang)`."""

    def __init__(self, lang: str, words: Dict[str, str], plurals: Dict[str, Tuple[str, ...]],
                 plural_rule: Callable[[int], int], pick_texts: Callable[[Mapping[str, str]], str]):
        self.lang = lang
        self.words = words
        self.plurals = plurals
        self._plural_rule = plural_rule
        self._pick = pick_texts

    def __call__(self, key: str) -> str:
        """The text of `key` (or of the shared word its last part names, "word.yes" for
        "history.yes"); a key the catalogue lacks is a bug (KeyError), not a blank."""
        found = _lookup(self.words, key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        found = _lookup(self.words, key)
        return default if found is None else found

    def plural(self, key: str, n: int) -> str:
        """The form of `key` for the count `n`, by the language's plural rule (unformatted)."""
        forms = self.plurals[key]
        return forms[min(self._plural_rule(n), len(forms) - 1)]

    def section(self, prefix: str) -> Section:
        return Section(self.words, prefix)

    def pick(self, texts: Optional[Mapping[str, str]]) -> str:
        """A rule pack's text ({lang: text}) in this language, English when it has none, then
        any language, then ''."""
        return self._pick(texts or {})

    # Numbers as this language writes them; the separators are catalogue entries checked
    # against the CLDR data Babel carries (tests/unit/test_i18n.py).
    def decimal(self, value: float, places: int = 1) -> str:
        """`value` with `places` decimals and this language's decimal mark."""
        return ("%.*f" % (places, value)).replace(".", self.words["number.decimal"])

    def grouped(self, value: float) -> str:
        """`value` rounded to a whole number, thousands grouped."""
        return "{:,.0f}".format(value).replace(",", self.words["number.group"])


def _mo_path(lang: str) -> str:
    return os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", DOMAIN + ".mo")


def _read(lang: str) -> Tuple[Dict[str, str], Dict[str, Tuple[str, ...]], Callable[[int], int]]:
    with open(_mo_path(lang), "rb") as fh:
        translations = gettext.GNUTranslations(fh)
    words: Dict[str, str] = {}
    forms: Dict[str, Dict[int, str]] = {}
    # GNUTranslations keeps plain entries under their id and plural ones under (id, form).
    for key, text in translations._catalog.items():  # type: ignore[attr-defined]
        if isinstance(key, tuple):
            forms.setdefault(key[0], {})[key[1]] = text
        elif key:
            words[key] = text
    plurals = {k: tuple(v[i] for i in sorted(v)) for k, v in forms.items()}
    return words, plurals, translations.plural  # type: ignore[attr-defined]


def _picker(lang: str, transform: Callable[[str], str] = str) -> Callable[[Mapping[str, str]], str]:
    def pick(texts: Mapping[str, str]) -> str:
        for key in (lang, "en"):
            if texts.get(key):
                return transform(texts[key])
        return transform(next((v for v in texts.values() if v), ""))
    return pick


@functools.lru_cache(maxsize=None)
def catalogue(lang: str) -> Catalogue:
    """The catalogue of `lang` (one of LANGS, or PSEUDO); loaded once per process."""
    if lang == PSEUDO:
        words, plurals, rule = _read("en")
        return Catalogue(PSEUDO, {k: pseudo(v) if _is_text(k) else v for k, v in words.items()},
                         {k: tuple(pseudo(f) for f in v) for k, v in plurals.items()}, rule,
                         _picker("en", pseudo))
    if lang not in LANGS:
        raise KeyError(lang)
    words, plurals, rule = _read(lang)
    return Catalogue(lang, words, plurals, rule, _picker(lang))


def known(lang: str) -> bool:
    """Whether `lang` has a catalogue (the packaged languages and the pseudo-locale)."""
    return lang in LANGS or lang == PSEUDO


@dataclass(frozen=True)
class Said:
    """A catalogue message and its values, put into words only when shown (`said.text(lang)`),
    so one input error or lint problem can be printed in the language of the output it is in.

        Said("lint.no_example", (("rule", "LEG-001"), ("kind", "fail")))

    The message uses `%(name)s` placeholders; a value may be a Said itself (rendered in the same
    language).  `count` names the value that picks the plural form of a plural message."""

    key: str
    values: Tuple[Tuple[str, Any], ...] = ()
    count: Optional[str] = None

    def text(self, lang: str = "en") -> str:
        words = catalogue(lang)
        shown = {k: v.text(lang) if isinstance(v, Said) else v for k, v in self.values}
        template = (words.plural(self.key, int(shown[self.count])) if self.count is not None
                    else words(self.key))
        return template % shown if shown else template

    def __str__(self) -> str:
        return self.text("en")


def said(message: str, count: Optional[str] = None, /, **values: Any) -> Said:
    """A Said with its values as keywords: `said("lint.no_example", rule=r, kind="fail")`;
    `count` names the value that chooses the plural form."""
    return Said(message, tuple(sorted(values.items())), count)


Text = Union[str, Said]


def text_of(message: Text, lang: str = "en") -> str:
    """A message that is already words (str) or a Said, in `lang`."""
    return message.text(lang) if isinstance(message, Said) else message


# --- the pseudo-locale ---------------------------------------------------------------------

_ACCENTED = dict(zip("AaBCcDdEeGgHhIiKkLlNnOoRrSsTtUuWwYyZz",
                     "ÅåƁÇçĎďÉéĜĝĤĥÎîĶķĻļÑñÖöŘřŠšŤťÛûŴŵÝýŽž"))
# Placeholders (%d, %(name)s, {name}), Markdown/HTML fragments and `code` stay as they are.
_KEEP = re.compile(r"%\(\w+\)[sdf]|%[-+ 0#]*\d*(?:\.\d+)?[sdf]|\{[^{}]*\}|`[^`]*`|<[^<>]*>|&\w+;")


def _is_text(key: str) -> bool:
    return not key.startswith("number.")


def pseudo(text: str) -> str:
    """`text` in the pseudo-locale: letters accented, about a third longer, placeholders kept."""
    out, last = [], 0
    for m in _KEEP.finditer(text):
        out.append("".join(_ACCENTED.get(c, c) for c in text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append("".join(_ACCENTED.get(c, c) for c in text[last:]))
    body = "".join(out)
    if not body.strip():
        return text
    pad = "~" * max(1, len(text) // 3)
    return "[" + body + pad + "]"


# --- numbers and dates in running text ------------------------------------------------------

def money(value: Any, lang: str) -> str:
    """An amount in euros with the thousands separator of `lang`; '' when not a number."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return ""
    return "\u20ac\u00a0" + catalogue(lang).grouped(value)


def number(value: float, lang: str) -> str:
    """A number as `lang` writes it in running text: thousands grouped from 10,000 on
    ("75,000" / "75.000"), shorter numbers (and years) as they are."""
    if isinstance(value, float) and not value.is_integer():
        return decimal(value, lang, 2).rstrip("0")
    return str(int(value)) if abs(value) < 10000 else catalogue(lang).grouped(value)


def long_date(iso: str, lang: str) -> str:
    """An ISO date written out in `lang` ("22 November 2026" / "22 november 2026"); anything
    that is not a date is shown as given."""
    from .dates import parse_date
    try:
        d = parse_date(str(iso))
    except ValueError:
        return str(iso)
    return "%d %s %d" % (d.day, catalogue(lang)("month.%d" % d.month), d.year)


def decimal(value: float, lang: str, places: int = 1) -> str:
    """A number with `places` decimals and the decimal mark of `lang`."""
    return catalogue(lang).decimal(value, places)


def others_more(n: int, lang: str) -> str:
    """'and 3 more' in `lang`, the number with the language's thousands separator."""
    return catalogue(lang)("others_more") % number(n, lang)


def cut_more(n: int, lang: str) -> str:
    """'… (1,234 more characters)' in `lang`: the end of a long value a message quotes, cut."""
    return catalogue(lang).plural("cut_more", n) % number(n, lang)
