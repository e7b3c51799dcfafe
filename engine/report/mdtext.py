"""Input-derived text inside GitHub/GitLab-flavoured Markdown: the one place that escapes it.

Every Markdown output (the check report, the dossier, the rules catalogue) puts titles, ids,
paths, messages and justifications through `inline` (running text, table cells) or `code` (ids
and paths as code spans), so text from an initiative or a rule pack can never start a section,
a list, an image, a link, an HTML element or a comment, leave its table cell or code span, hide
the rest of the document, or notify people (docs/security.md, "Markdown"):

- `<`, `>` and `&` are HTML-escaped, so no element, comment (`<!--`) or entity comes through;
- `\\`, `` ` ``, `*`, `|`, `~`, a `_` not inside a word and a `]` before `(` or `[` are
  backslash-escaped, so no emphasis, code span, link, image, strike-through or table cell starts
  inside the text; a text that would start a heading, list, quote or thematic break at the start
  of a line gets its first character escaped too;
- line breaks become `<br>` in a table cell (or a space), every other control character, line
  separator and bidirectional control is shown as `\\xNN` / `\\uNNNN` as on the terminal;
- `@name` and `@org/team`, which notify people when a report is posted as a pull-request
  comment, get a zero-width space after the `@` (U+200B), which GitHub and GitLab do not read
  as a mention; an e-mail address (a word character before the `@`) is left alone.

Ordinary text (letters, digits, spaces, `. , : ; ( ) ' " - / + ? !`) is written unchanged.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from ..errors import escape_controls

_BREAK = re.compile(r"\r\n|\r|\n")
# `_` between two letters or digits never starts emphasis in GFM, and `]` starts a link or an
# image only before `(` or `[`: those are left as they are, so ordinary names (`open_data`,
# `goals[0]`) read the same in the Markdown source.
_PUNCT = re.compile(r"[\\`*|~]|(?<![^\W_])_|_(?![^\W_])|\](?=[(\[])")
_MENTION = re.compile(r"(?<!\w)@(?=\w)")
# What starts a block when it begins a line: a heading, quote, list item, break or setext line.
_BLOCK_START = re.compile(r"^(\s*)([#>+=-])")
ZWSP = "\u200b"


def inline(value: Optional[Any], br: str = "<br>") -> str:
    """`value` as inert Markdown inline text; line breaks become `br`."""
    if value is None:
        return ""
    parts = [_inline_line(p) for p in _BREAK.split(str(value))]
    return br.join(parts)


def _inline_line(text: str) -> str:
    text = escape_controls(text)
    text = _PUNCT.sub(lambda m: "\\" + m.group(), text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MENTION.sub("@" + ZWSP, text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def code(value: Optional[Any]) -> str:
    """`value` as an inline code span (ids, paths); empty stays empty rather than an empty span.

    A code span shows its text literally (no HTML, entity, link or mention), so only what could
    end it early is handled: its fence is one backtick longer than the longest run of backticks
    inside, line breaks become spaces, `|` is escaped (GFM tables split on it even inside code)
    and control characters are shown as escapes."""
    if value is None or value == "":
        return ""
    text = escape_controls(_BREAK.sub(" ", str(value))).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith(" ") and text.endswith(" ") else ""
    return "%s%s%s%s%s" % (fence, pad, text, pad, fence)
