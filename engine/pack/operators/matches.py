"""`matches: REGEX` and `matches_pattern: NAME`: a regular expression finds a match in the text."""
from __future__ import annotations

from typing import Any, Mapping

from ...i18n import said
from ..conditions import Emitter, negated
from ..language import FieldTest, Test, did_you_mean
from ..transforms import Matches

ORDER = 40
KEYWORDS = ("matches", "matches_pattern")
OPS = ("matches",)
SINGLE_VALUE = True
WORDS = ("matches", "pattern")
DOC = """
| `matches: REGEX` | P is a present string and Python `re.search(REGEX, P)` finds a match |
| `matches_pattern: NAME` | as `matches`, with a named pattern of the pack |
"""


def parse(f: FieldTest) -> Test:
    if f.key == "matches_pattern":
        defs, pack = f.parser.defs, f.parser.pack
        key = defs.lookup(defs.patterns, f.arg, pack)
        if key is None:
            hint = defs.hint(defs.patterns, f.arg, pack)
            raise f.fail(said("rulelang.unknown_pattern", name=repr(f.arg),
                              hint=did_you_mean(hint)))
        pattern = defs.patterns[key]
    else:
        pattern = f.parser.regex(f.arg, f.ypath)
    f.parser.need_text(f.ftype, f.path, f.ypath, said("rulelang.a_regex"))
    return Test(f.path, f.ftype, "matches", pattern, f.default)


def parse_untyped(f: FieldTest) -> None:
    """The expression or the pattern's name, where the field's type is unknown."""
    if f.key == "matches":
        f.parser.regex(f.arg, f.ypath)
    elif f.parser.defs.lookup(f.parser.defs.patterns, f.arg, f.parser.pack) is None:
        raise f.fail(said("rulelang.unknown_pattern", name=repr(f.arg), hint=""))


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    # The projection searches the text; the fact holds whether it matched.
    n = e.name(t.path, Matches(t.arg))
    return negated(n, {n: False}, True) if neg else {n: True}


def explain(t: Test, w: Mapping[str, str], operand: Any) -> str:
    """The pattern by its name when the pack names it, else the expression."""
    names = [n for n, rx in sorted(operand.patterns.items()) if rx == t.arg]
    return w["matches"].format(p=t.path, v=w["pattern"].format(v=names[0]) if names
                               else "/%s/" % t.arg)
