"""engine.i18n: every user-facing word in every language, with the same keys and placeholders."""
from __future__ import annotations

import re

import pytest

from idm.engine.i18n import LANGS, TABLES, decimal, money
from idm.engine.model import Message, Others

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def _entries(table):
    """(language, key, text) of a table, whatever its shape (words, tuples or one text)."""
    for lang in LANGS:
        words = table[lang]
        if isinstance(words, str):
            yield lang, "", words
        elif isinstance(words, dict):
            for key, value in words.items():
                for i, text in enumerate(value if isinstance(value, tuple) else (value,)):
                    yield lang, "%s/%d" % (key, i), text
        else:
            for i, text in enumerate(words):
                yield lang, str(i), text


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_language_has_the_same_keys_and_placeholders(name):
    table = TABLES[name]
    assert set(table) == set(LANGS), name
    by_lang = {lang: {} for lang in LANGS}
    for lang, key, text in _entries(table):
        assert isinstance(text, str) and text, (name, lang, key)
        by_lang[lang][key] = sorted(PLACEHOLDER.findall(text))
    first = by_lang[LANGS[0]]
    for lang in LANGS[1:]:
        assert by_lang[lang] == first, (name, lang)


def test_numbers_and_money_follow_the_language():
    assert money(1234567, "en") == "\u20ac\u00a01,234,567"
    assert money(1234567, "nl") == "\u20ac\u00a01.234.567"
    assert money("x", "nl") == "" and money(True, "en") == ""
    assert (decimal(2.5, "en"), decimal(2.5, "nl")) == ("2.5", "2,5")


def test_a_message_is_rendered_in_the_language_asked_for():
    m = Message({"en": "{others} share {value}", "nl": "{others} delen {value}"},
                [("value", "X"), ("others", Others(("A", "B"), 4))])
    assert m["en"] == "A, B and 2 more share X"
    assert m["nl"] == "A, B en nog 2 delen X"
    assert dict(m) == {"en": m["en"], "nl": m["nl"]}
    assert Message({"en": "only {x} {unknown}"}, [("x", "1")])["nl"] == "only 1 {unknown}"
    with pytest.raises(KeyError):
        m["de"]
