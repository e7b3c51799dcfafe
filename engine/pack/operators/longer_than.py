"""`longer_than: N`: a text of more than N characters (the maximum lengths of a register's
publication standard, ALG-003)."""
from __future__ import annotations

from typing import Any, Mapping

from ...i18n import said
from ..conditions import Emitter, negated
from ..language import FieldTest, Test
from ..transforms import Matches

ORDER = 42
KEYWORDS = ("longer_than",)
OPS = ("longer_than",)
SINGLE_VALUE = True
WORDS = ("longer_than",)
DOC = """
| `longer_than: N` | P is a present string of more than N characters (after trimming, as every text) |
"""


def pattern(n: int) -> str:
    """The regular expression that finds a text of more than `n` characters once trimmed: two
    non-space characters at least n apart."""
    return r"\S" if n == 0 else r"\S[\s\S]{%d,}\S" % (n - 1)


def parse(f: FieldTest) -> Test:
    if isinstance(f.arg, bool) or not isinstance(f.arg, int) or f.arg < 0:
        raise f.fail(said("rulelang.longer_than_number", found=repr(f.arg)))
    f.parser.need_text(f.ftype, f.path, f.ypath, said("rulelang.a_length"))
    return Test(f.path, f.ftype, "longer_than", f.arg, f.default)


def compile(e: Emitter, t: Test, neg: bool) -> Any:
    # The projection searches the text (the Matches transform); the fact holds whether it did.
    n = e.name(t.path, Matches(pattern(t.arg)))
    return negated(n, {n: False}, True) if neg else {n: True}


def explain(t: Test, w: Mapping[str, str], operand: Any) -> str:
    return w["longer_than"].format(p=t.path, v=t.arg)
