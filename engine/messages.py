"""Message placeholders (docs/rule-language.md, "Messages"): `{value}`, `{missing}`, a param,
or any field of the document (`{title}`) or of the reported item (`{item.name}`).

`{{` and `}}` are literal braces.  A placeholder that nothing fills is shown as written; lint
refuses such a placeholder before a pack is ever used.
"""
from __future__ import annotations

import functools
import string
from typing import Callable, Optional, Tuple


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> Optional[Tuple[Tuple[str, Optional[str], str], ...]]:
    """(literal text, placeholder or None, how it was written) pieces, or None for a stray brace."""
    try:
        out = []
        for literal, name, spec, conv in string.Formatter().parse(text):
            written = None
            if name is not None:
                written = "{%s%s%s}" % (name, "!" + conv if conv else "", ":" + spec if spec else "")
            out.append((literal, name, written or ""))
        return tuple(out)
    except ValueError:
        return None


def placeholders(text: str) -> Tuple[str, ...]:
    """The placeholders of a message in order of appearance, each once."""
    pieces = _parsed(text) or ()
    seen: dict = {}
    for _, name, _ in pieces:
        if name is not None:
            seen.setdefault(name, None)
    return tuple(seen)


def render(text: str, lookup: Callable[[str], Optional[str]]) -> str:
    """The message with each placeholder replaced by `lookup(name)`; None leaves it as written."""
    pieces = _parsed(text)
    if pieces is None:
        return text      # a stray brace in a message: show it as written
    out = []
    for literal, name, written in pieces:
        out.append(literal)
        if name is not None:
            value = lookup(name)
            out.append(written if value is None else value)
    return "".join(out)
