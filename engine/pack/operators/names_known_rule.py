"""`names_known_rule: true|false|{waivable: B}`: the text is the id of a loaded rule (exceptions)."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ...i18n import said
from ..conditions import Emitter, negated
from ..language import FieldTest, Test
from ..transforms import VALUE

ORDER = 90
KEYWORDS = ("names_known_rule",)
OPS = ("names_known_rule",)
SINGLE_VALUE = True
WORDS = ("known", "unknown", "known_waivable", "known_unwaivable")
DOC = """
| `names_known_rule: true/false` | P (trimmed) is / is not the id of a loaded rule that does not start with `EXC-` (P present) |
| `names_known_rule: {waivable: false}` | P names such a rule that has `waivable: false` (`{waivable: true}`: one that an exception can waive) |
"""


def parse(f: FieldTest) -> Test:
    arg = f.arg
    if isinstance(arg, dict) and set(arg) == {"waivable"} and isinstance(arg["waivable"], bool):
        f.parser.need_text(f.ftype, f.path, f.ypath, f.key)
        return Test(f.path, f.ftype, f.key, ("waivable", arg["waivable"]))
    if not isinstance(arg, bool):
        raise f.fail(said("rulelang.names_known_rule", form="{waivable: true|false}"))
    f.parser.need_text(f.ftype, f.path, f.ypath, f.key)
    return Test(f.path, f.ftype, f.key, arg)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    if isinstance(t.arg, tuple):            # {waivable: true|false}: names such a rule
        n, member = e.member_name(t.path, VALUE, e.known(t.arg[1]))
        return negated(n, member(not neg), neg)
    n, member = e.member_name(t.path, VALUE, e.known(None))
    return negated(n, member(t.arg != neg), neg)


def explain(t: Test, w: Mapping[str, str], operand: Callable[[], str]) -> str:
    if isinstance(t.arg, tuple):
        return w["known_waivable" if t.arg[1] else "known_unwaivable"].format(p=t.path)
    return w["known" if t.arg else "unknown"].format(p=t.path)
