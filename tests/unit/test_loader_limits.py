"""idm's own input limits decide, whichever PyYAML 6.x (with or without libyaml, and whatever
nesting limit the bundled libyaml has) is installed: idm's message, at the first level past it."""
import pytest
import yaml

from idm.engine.errors import InputError
from idm.engine.inputs.loader import DEFAULT_LIMITS, Limits, parse_yaml

DEPTH = DEFAULT_LIMITS.max_depth


@pytest.mark.parametrize("text, line, column", [
    ("[" * 100_000, 1, DEPTH + 1),                       # flow lists on one line, large
    ("[" * 5_000, 1, DEPTH + 1),                         # the same, under the 8 KB walk
    ("{a: " * 3_000 + "1", 1, 4 * DEPTH + 1),            # flow mappings
    ("- " * 3_000 + "x", 1, 2 * DEPTH + 1),              # block lists on one line
    ("".join(" " * i + "k%d:\n" % i for i in range(1_500)) + " " * 1_500 + "v: 1",
     DEPTH + 1, DEPTH + 1),                              # block mappings, indented
], ids=["flow-lists-100k", "flow-lists-5k", "flow-maps", "block-lists", "block-maps"])
def test_nesting_past_the_limit_is_idms_error_at_the_first_level_past_it(text, line, column):
    with pytest.raises(InputError) as e:
        parse_yaml("deep.yaml", text)
    assert str(e.value) == "deep.yaml:%d:%d: error: document nested too deeply (limit %d levels)" \
        % (line, column, DEPTH)


def test_a_lower_limit_is_honoured_at_its_own_level():
    with pytest.raises(InputError) as e:
        parse_yaml("deep.yaml", "[" * 2_000, Limits(max_depth=10))
    assert str(e.value) == "deep.yaml:1:11: error: document nested too deeply (limit 10 levels)"


def test_nesting_within_the_limit_loads():
    doc = parse_yaml("ok.yaml", "[" * DEPTH + "]" * DEPTH)
    depth, value = 0, doc.data
    while isinstance(value, list) and value:
        value, depth = value[0], depth + 1
    assert depth == DEPTH - 1 and value == []


def test_other_yaml_errors_keep_their_own_message_and_position():
    with pytest.raises(InputError) as e:
        parse_yaml("bad.yaml", "a: [1, 2\nb: 3\n")
    assert str(e.value).startswith("bad.yaml:")
    assert "invalid YAML" in str(e.value)


def test_which_yaml_is_installed_is_reported_by_this_module():
    # Documents the combination the suite ran with (CI runs the lowest and the newest).
    assert yaml.__version__.startswith("6.")
