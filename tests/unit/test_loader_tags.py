"""The loader's quicker tag resolution must give every value the tag PyYAML's safe loader gives
it: a date read as text, or "no" read as a string, would change findings."""
from __future__ import annotations

import yaml
from hypothesis import given, settings, strategies as st

from idm.engine.inputs.loader import _Loader

TRICKY = ["", "~", "null", "Null", "NULL", "yes", "No", "on", "OFF", "true", "False", "y", "n",
          "0", "-0", "+1", "0x1F", "0o17", "017", "1_000", "1e3", "1.5e-3", ".5", "-.inf", ".NaN",
          "2026-11-22", "2026-11-22 10:00:00", "2026-1-2", "12:30", "1:30:00", "<<", "=",
          "!tag", "&a", "*a", "190:20:30", "0b101", "3.", "1.2.3", "text", "Ja"]

values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12),
                   st.from_regex(r"[-+.0-9:eExXoObB_]{1,10}", fullmatch=True))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(values, st.booleans(), st.booleans())
def test_scalar_tags_are_pyyaml_s(value, plain, quoted):
    ours, theirs = _Loader(""), yaml.CSafeLoader("")
    assert ours.resolve(yaml.ScalarNode, value, (plain, quoted)) == \
        theirs.resolve(yaml.ScalarNode, value, (plain, quoted))


def test_collection_tags_are_pyyaml_s():
    ours, theirs = _Loader(""), yaml.CSafeLoader("")
    for kind in (yaml.MappingNode, yaml.SequenceNode):
        for implicit in (True, False):
            assert ours.resolve(kind, None, implicit) == theirs.resolve(kind, None, implicit)
