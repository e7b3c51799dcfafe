"""engine.i18n: the message catalogues (engine/locale/<lang>/LC_MESSAGES/idm.po), their compiled
form, plural rules, number formats, the glossary and the pseudo-locale."""
from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.numbers import get_decimal_symbol, get_group_symbol

from idm.engine import i18n
from idm.engine.i18n import LANGS, PSEUDO, catalogue, decimal, long_date, money, number
from idm.engine.model import Message, Others
from tools.catalogues import compiled, template, up_to_date

LOCALE = Path(i18n.LOCALE_DIR)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w+\}")


def _po(lang):
    with open(LOCALE / lang / "LC_MESSAGES" / "idm.po", "rb") as fh:
        return read_po(fh)


def _texts(lang):
    """key -> tuple of texts (one, or one per plural form) of a language's catalogue."""
    out = {}
    for m in _po(lang):
        if m.id:
            key = m.id if isinstance(m.id, str) else m.id[0]
            out[key] = tuple(m.string) if isinstance(m.string, (tuple, list)) else (m.string,)
    return out


def test_the_packaged_languages_are_the_catalogues_on_disk():
    on_disk = sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/idm.po"))
    assert sorted(LANGS) == on_disk and LANGS[0] == "en" and "nl" in LANGS
    assert PSEUDO not in LANGS   # not a --lang choice


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_the_same_keys_plurals_and_placeholders(lang):
    english, other = _texts("en"), _texts(lang)
    assert set(other) == set(english), sorted(set(other) ^ set(english))
    for key, forms in english.items():
        assert all(other[key]), (lang, key, "untranslated")
        assert (len(other[key]) > 1) == (len(forms) > 1), (lang, key, "plural or not")
        want = sorted(PLACEHOLDER.findall(forms[-1]))
        for text in other[key]:
            assert sorted(PLACEHOLDER.findall(text)) == want, (lang, key, text)


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_up_to_date_with_its_po_file(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "idm.po"
    assert up_to_date(str(po)), "run: python tools/catalogues.py compile"


def test_an_out_of_date_compiled_catalogue_is_noticed(tmp_path):
    folder = tmp_path / "LC_MESSAGES"
    folder.mkdir()
    po = (LOCALE / "nl" / "LC_MESSAGES" / "idm.po").read_text(encoding="utf-8")
    (folder / "idm.po").write_text(po, encoding="utf-8")
    (folder / "idm.mo").write_bytes(compiled(str(folder / "idm.po")))
    assert up_to_date(str(folder / "idm.po"))
    (folder / "idm.po").write_text(po.replace('"uitgezonderd"', '"vrijgesteld"'), encoding="utf-8")
    assert not up_to_date(str(folder / "idm.po"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_plural_rule_is_the_languages_own(lang):
    """The catalogue's Plural-Forms header is CLDR's rule for the language (what Babel writes
    with `pybabel init`), and `plural` picks the form it says."""
    cldr = get_plural(lang)
    assert (_po(lang).num_plurals, _po(lang).plural_expr) == (cldr.num_plurals, cldr.plural_expr)
    words = catalogue(lang)
    one, many = words.plurals["report.finding_count"]
    assert [words.plural("report.finding_count", n) for n in (0, 1, 2, 21)] == \
        [many, one, many, many]


def test_a_count_is_written_in_its_plural_form():
    assert catalogue("en").plural("report.finding_count", 1) % 1 == "1 finding"
    assert catalogue("nl").plural("report.finding_count", 3) % 3 == "3 bevindingen"
    for lang in LANGS:
        for forms in catalogue(lang).plurals.values():
            assert all("(s)" not in f and "(en)" not in f for f in forms)


def test_a_key_the_catalogue_lacks_is_an_error_not_a_blank():
    with pytest.raises(KeyError):
        catalogue("en")("report.no_such_word")
    with pytest.raises(KeyError):
        catalogue("de")


@pytest.mark.parametrize("lang", LANGS)
def test_number_formats_and_month_names_are_the_locales_own(lang):
    """The separators and month names in the catalogue are CLDR's (Babel's data), so output
    needs no Babel at run time."""
    words = catalogue(lang)
    assert words("number.decimal") == get_decimal_symbol(lang)
    assert words("number.group") == get_group_symbol(lang)
    for month in range(1, 13):
        d = datetime.date(2026, month, 22)
        assert long_date(d.isoformat(), lang) == format_date(d, "d MMMM y", locale=lang)


def test_numbers_and_money_follow_the_language():
    assert money(1234567, "en") == "\u20ac\u00a01,234,567"
    assert money(1234567, "nl") == "\u20ac\u00a01.234.567"
    assert money("x", "nl") == "" and money(True, "en") == ""
    assert (decimal(2.5, "en"), decimal(2.5, "nl")) == ("2.5", "2,5")
    assert (number(75000, "nl"), number(2026, "nl"), number(2.25, "nl")) == \
        ("75.000", "2026", "2,25")
    assert long_date("2026-11-22", "nl") == "22 november 2026"
    assert long_date("not a date", "nl") == "not a date"


def _glossary():
    with open(LOCALE / "glossary.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def test_every_language_has_a_glossary():
    assert set(_glossary()) == set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_uses_one_word_per_concept(lang):
    texts = "\n".join(t for forms in _texts(lang).values() for t in forms).lower()
    wrong, unused = [], []
    for concept, entry in _glossary()[lang].items():
        if not re.search(r"(?<!\w)%s" % re.escape(entry["use"].lower()), texts):
            unused.append((concept, entry["use"]))
        for word in entry["avoid"]:
            if re.search(r"(?<!\w)%s(?!\w)" % re.escape(word.lower()), texts):
                wrong.append((concept, word))
    assert wrong == [], "use the glossary's word (engine/locale/glossary.yaml)"
    assert unused == []


def test_a_glossary_synonym_is_found(tmp_path):
    """The scan above can fail: the Dutch word the text report used for 'waived' is caught."""
    entry = _glossary()["nl"]["waived"]
    assert "opgeschort" in entry["avoid"] and entry["use"] == "uitgezonderd"
    assert catalogue("nl")("text.waived") == "uitgezonderd"


def test_the_template_carries_the_english_texts_for_translators():
    pot = template()
    assert len(pot) == len(_texts("en"))
    m = pot["word.waived"]
    assert not m.string and "en: Waived" in m.auto_comments


def test_the_pseudo_locale_changes_every_word_and_keeps_placeholders():
    english, fake = catalogue("en"), catalogue(PSEUDO)
    for key, text in english.words.items():
        if key.startswith("number."):
            continue
        shown = fake(key)
        assert sorted(PLACEHOLDER.findall(shown)) == sorted(PLACEHOLDER.findall(text)), key
        outside = PLACEHOLDER.sub("", shown)
        assert not re.search(r"[A-Za-z]{4,}", re.sub(r"`[^`]*`|<[^>]*>", "", outside)), key
        assert len(shown) > len(text)
    assert fake.pick({"en": "Name it", "nl": "Noem het"}) == i18n.pseudo("Name it")


def test_a_pack_text_falls_back_to_english():
    assert catalogue("nl").pick({"en": "only English"}) == "only English"
    assert catalogue("nl").pick({"en": "a", "nl": "b"}) == "b"
    assert catalogue("en").pick({}) == ""


def test_a_message_is_rendered_in_the_language_asked_for():
    m = Message({"en": "{others} share {value}", "nl": "{others} delen {value}"},
                [("value", "X"), ("others", Others(("A", "B"), 4))])
    assert m["en"] == "A, B and 2 more share X"
    assert m["nl"] == "A, B en nog 2 delen X"
    assert dict(m) == {"en": m["en"], "nl": m["nl"]}
    assert Message({"en": "only {x} {unknown}"}, [("x", "1")])["nl"] == "only 1 {unknown}"
    with pytest.raises(KeyError):
        m["de"]


def test_catalogues_are_read_from_the_compiled_files_only():
    """A one-file check must not pay for Babel: the engine never imports it."""
    engine = Path(i18n.__file__).parent
    for path in engine.rglob("*.py"):
        assert not re.search(r"^\s*(from|import) babel", path.read_text(encoding="utf-8"),
                             re.M), path
    assert os.path.getsize(LOCALE / "nl" / "LC_MESSAGES" / "idm.mo") > 0


def test_an_input_error_is_shown_in_the_language_of_the_output(tmp_path):
    from idm.engine.inputs.loader import load_file
    from idm.engine.inputs.validate import problems
    path = tmp_path / "x.yaml"
    path.write_text("id: X-1\ntitle: T\nphase: initiation\nbudgt: 1\nbudget: {one_off: many}\n",
                    encoding="utf-8")
    found = {p.path: p for p in problems(load_file(str(path)), "initiative")}
    unknown, wrong = found["budgt"], found["budget.one_off"]
    assert unknown.message == "unknown field 'budgt' (did you mean 'budget'?)" == unknown.text()
    assert unknown.text("nl") == "onbekend veld 'budgt' (bedoelde u 'budget'?)"
    assert wrong.text("nl") == "verwacht: een getal, gevonden: 'many'"
    assert str(wrong).endswith("error: budget.one_off: expected a number, found 'many'")


def test_a_plural_message_takes_its_form_from_the_count():
    from idm.engine.i18n import said
    assert said("validate.min_items", "limit", limit=1).text() == "must have at least 1 item"
    assert said("validate.min_items", "limit", limit=2).text("nl") == \
        "moet ten minste 2 items hebben"


def test_a_rule_text_missing_in_a_language_falls_back_to_english_with_a_lint_warning(tmp_path):
    from idm.engine.authoring.lint import lint
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "apiVersion: idm/v1\nkind: RulePack\nname: p\nrules:\n"
        "  - id: BUS-101\n    title: {en: No owner}\n"
        "    message: {en: Owner missing., nl: Eigenaar ontbreekt.}\n"
        "    category: business\n    domain: direction\n    severity: warning\n"
        "    rationale: {en: Ownership., nl: Eigenaarschap.}\n"
        "    remediation: {en: Name an owner., nl: Noem een eigenaar.}\n"
        "    when: {path: owner.name, missing: true}\n    at: owner.name\n"
        "    examples: {fail: [{}], pass: [{owner: {name: X}}]}\n", encoding="utf-8")
    result = lint([str(pack)])
    assert result.exit_code() == 0
    [warning] = result.problems
    assert (warning.level, warning.path) == ("warning", "rules[0].title")
    assert warning.line_in("nl").endswith("regel BUS-101 heeft geen title in het nl: rapporten "
                                          "in het nl tonen de Engelse tekst")
    assert result.summary() == "0 errors, 1 warning in 1 rule of 1 file"
    assert catalogue("nl").pick({"en": "No owner"}) == "No owner"


def _pack_texts(node, lang):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from _pack_texts(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from _pack_texts(value, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_rule_packs_use_the_glossary_words_marked_for_them(lang):
    root = Path(__file__).resolve().parents[2] / "rules"
    texts = "\n".join(t for f in sorted(root.glob("*.yaml"))
                      for t in _pack_texts(yaml.safe_load(f.read_text(encoding="utf-8")), lang))
    wrong = [(concept, word) for concept, entry in _glossary()[lang].items()
             if entry.get("packs") for word in entry["avoid"]
             if re.search(r"(?<!\w)%s(?!\w)" % re.escape(word), texts.lower())]
    assert wrong == []
