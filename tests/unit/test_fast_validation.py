"""The fast schema check (engine/inputs/validate.py) may only say "valid" where jsonschema finds nothing.

Valid documents skip jsonschema entirely (it costs ~3.6 ms a document against ~0.3 ms), so a
fast check that wrongly answered "valid" would let a malformed initiative through unreported.
"""
import copy
import os
import sys

from hypothesis import HealthCheck, given, settings, strategies as st

from idm.engine.inputs import validate
from idm.engine.inputs.loader import load_file

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks"))
import generate  # noqa: E402

HERE = os.path.dirname(__file__)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from(["2026-02-30", "2026-01-01", "initiation", "high", "people", "eu", "saas"]),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
    max_leaves=6)


def _jsonschema_valid(data, name="initiative"):
    return not any(True for _ in validate._validator(name).iter_errors(data))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


def _examples(tmp):
    return [load_file(p).data for p in generate.generate(12, seed=5, out=tmp)]


DOCS = None


def _docs(tmp_path_factory):
    global DOCS
    if DOCS is None:
        DOCS = _examples(str(tmp_path_factory.mktemp("gen")))
    return DOCS


def test_generated_and_example_initiatives_pass_both_checks(tmp_path_factory):
    docs = _docs(tmp_path_factory)
    for name in ("clean.yaml", "with-findings.yaml", "early-phase.yaml"):
        docs = docs + [load_file(os.path.join(HERE, "..", "..", "examples", name)).data]
    for d in docs:
        assert validate.is_valid(d, "initiative")
        assert _jsonschema_valid(d)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_mutated_initiative_is_fast_valid_only_if_jsonschema_agrees(tmp_path_factory, data):
    doc = copy.deepcopy(data.draw(st.sampled_from(_docs(tmp_path_factory))))
    paths = sorted(_paths(doc), key=repr)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        value = data.draw(json_values)
        if not path:
            continue
        target = doc
        try:
            for p in path[:-1]:
                target = target[p]
            if isinstance(target, dict) and data.draw(st.integers(0, 4)) == 0:
                target[data.draw(st.text(max_size=8))] = value   # an extra key beside it
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    if validate.is_valid(doc, "initiative"):
        assert _jsonschema_valid(doc), doc


WRONG = [None, "", "  ", "zzz", 0, -1, 1.5, float("nan"), True, [], {}, ["x"], {"x": 1},
         "2026-02-30", "2026-01-01"]


def test_every_single_field_replacement_is_judged_as_jsonschema_judges_it(tmp_path_factory):
    docs = sorted(_docs(tmp_path_factory), key=lambda d: -len(list(_paths(d))))[:2]
    checked = 0
    for base in docs:
        for path in sorted(_paths(base), key=repr):
            if not path:
                continue
            for value in WRONG:
                doc = copy.deepcopy(base)
                target = doc
                for p in path[:-1]:
                    target = target[p]
                target[path[-1]] = value
                fast = validate.is_valid(doc, "initiative")
                if fast:
                    assert _jsonschema_valid(doc), (path, value)
                checked += 1
    assert checked > 500


def test_declared_fields_are_judged_by_the_fast_check_as_jsonschema_judges_them():
    """Every keyword of the declared-field subset, on values of every kind: the fast check says
    "valid" exactly where jsonschema (with the same format checks) finds nothing."""
    from idm.engine.inputs.fields import DeclaredField, DeclaredFields
    schema = {"type": "object", "required": ["a"], "properties": {
        "a": {"enum": ["x", "y"]}, "b": {"type": "integer", "minimum": 0, "maximum": 9},
        "c": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
        "d": {"format": "date"}, "e": {"format": "duration"}, "f": {"format": "uri"},
        "g": {"format": "email"}, "h": {"enum": [1, 2.5, True, None, "z"]},
        "i": {"type": "array", "items": {"type": "number"}, "minItems": 1, "maxItems": 2},
        "j": {"const": 3}, "k": {"type": ["string", "null"]},
        "l": {"type": "object", "additionalProperties": {"type": "boolean"}}}}
    fields = DeclaredFields([DeclaredField("", "x", schema)])
    base = {"apiVersion": "idm/v1", "kind": "Initiative", "id": "A", "title": "T",
            "x": {"a": "x"}}
    assert validate.is_valid(base, "initiative", fields)
    values = WRONG + ["ab", "abcde", "AB", 5, 10, 9.0, "P1Y", "P1YT", "https://a.nl/x",
                      "a b:c", "a@b.nl", "a@b", 2.5, 1, 1.0, "z", [1], [1, 2, 3], ["1"], 3, 3.0,
                      {"q": True}, {"q": 1}, "2026-13-01"]
    checked = 0
    for key in schema["properties"]:
        for value in values:
            doc = copy.deepcopy(base)
            doc["x"][key] = value
            valid = not any(True for _ in validate._declared_validator(fields).iter_errors(doc))
            assert validate.is_valid(doc, "initiative", fields) == valid, (key, value)
            checked += 1
    assert checked > 400


REFERENCE_DATA = [os.path.join(HERE, "..", "..", "rules", name)
                  for name in ("algoritmeregister-themes.yaml", "pas-toe-of-leg-uit.yaml")]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(REFERENCE_DATA), st.data())
def test_reference_data_lists_of_unique_items_are_judged_as_jsonschema_judges_them(path, data):
    """Reference data files (uniqueItems lists) take the fast check too: it may only say
    "valid" where jsonschema does, whatever a list holds (duplicates, 1 and 1.0, mappings)."""
    doc = copy.deepcopy(load_file(path).data)
    doc["match"] = {"normalise": ["case", "spaces"]}   # a list of unique items
    assert validate.is_valid(doc, "referencedata") and _jsonschema_valid(doc, "referencedata")
    lists = [p for p in _paths(doc) if isinstance(_at(doc, p), list)]
    where = data.draw(st.sampled_from([("match", "normalise")] * len(lists) + lists))
    target = _at(doc, where)
    target.append(data.draw(st.one_of(st.sampled_from(target or ["x"]), json_values,
                                      st.sampled_from([1, 1.0, True, {"a": 1}]))))
    if validate.is_valid(doc, "referencedata"):
        assert _jsonschema_valid(doc, "referencedata"), (where, target)


def _at(value, path):
    for k in path:
        value = value[k]
    return value
