"""`html_other_than: [TAG, ...]`: a text holding an HTML tag other than the listed ones (the
allowed tags of a register's publication standard, ALG-006)."""
from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from ...i18n import said
from ..conditions import Emitter, negated
from ..language import FieldTest, Test
from ..transforms import Matches

ORDER = 44
KEYWORDS = ("html_other_than",)
OPS = ("html_other_than",)
SINGLE_VALUE = True
WORDS = ("html_other_than", "html_any")
DOC = """
| `html_other_than: [TAG, ...]` | P is a present string holding an HTML tag (opening, closing or `<br/>`) other than the listed ones, or a listed one with attributes; `[]`: any tag. `a < b` is no tag |
"""
_TAG = re.compile(r"^[a-z][a-z0-9]*$")


def pattern(tags: Sequence[str]) -> str:
    """The regular expression that finds a tag other than `tags` (none listed: any tag)."""
    if not tags:
        return r"<[A-Za-z/!?]"
    return r"<(?!/?(?:%s)\s*/?>)[A-Za-z/!?]" % "|".join(map(re.escape, tags))


def parse(f: FieldTest) -> Test:
    if not isinstance(f.arg, list) or not all(isinstance(t, str) and _TAG.match(t)
                                              for t in f.arg):
        raise f.fail(said("rulelang.html_tags", found=repr(f.arg)))
    f.parser.need_text(f.ftype, f.path, f.ypath, said("rulelang.a_tag_list"))
    return Test(f.path, f.ftype, "html_other_than", tuple(f.arg), f.default)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    n = e.name(t.path, Matches(pattern(t.arg)))
    return negated(n, {n: False}, True) if neg else {n: True}


def explain(t: Test, w: Mapping[str, str], operand: Any) -> str:
    if not t.arg:
        return w["html_any"].format(p=t.path)
    return w["html_other_than"].format(p=t.path, v=", ".join(t.arg))
