"""Errors that reach the user as one line: FILE:LINE:COL: error: PATH: what is wrong."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .i18n import Said, Text, text_of

# Control characters, line and paragraph separators and bidirectional controls (embeddings,
# overrides, isolates and the marks LRM, RLM, ALM): in a file name or message they could start a
# new line in a CI log (a forged `::error` command of GitHub Actions) or reorder and hide text.
# They are shown as \xNN or \uNNNN.
_BIDI_CHARS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029%s]" % _BIDI_CHARS)
BIDI_CONTROLS = re.compile("[%s]" % _BIDI_CHARS)


def escape_controls(text: str) -> str:
    """`text` with control characters written as escapes, so it stays on one line."""
    return _CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()) if ord(m.group()) < 0x100
                        else "\\u%04x" % ord(m.group()), text)


def escape_bidi(text: str) -> str:
    """`text` with bidirectional controls written as \\uNNNN: for formats that keep line breaks
    (HTML, JSON-based registers) but must not let a title reorder what a reader sees."""
    return BIDI_CONTROLS.sub(lambda m: "\\u%04x" % ord(m.group()), text)


@dataclass(frozen=True)
class Problem:
    """One input problem with its position; what an InputError carries and reports print."""

    file: str
    message: str                 # in English: str(), JSON and the history store show this
    line: Optional[int] = None
    column: Optional[int] = None
    path: str = ""
    said: Optional[Said] = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, file: str, message: Text, line: Optional[int] = None,
           column: Optional[int] = None, path: str = "") -> "Problem":
        """A problem whose message is a catalogue message (Said) or words."""
        return cls(file, text_of(message), line, column, path,
                   message if isinstance(message, Said) else None)

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (English for a message that is not in the catalogue)."""
        return self.said.text(lang) if self.said is not None else self.message

    def __str__(self) -> str:
        return self.shown("en")

    def shown(self, lang: str = "en") -> str:
        """The whole line in `lang`: FILE:LINE:COL: error: PATH: message.  `error:` stays as it
        is in every language: editors and CI problem matchers look for it."""
        where = self.file
        if self.line is not None:
            where += ":%d:%d" % (self.line, self.column or 1)
        message = self.message if lang == "en" else self.text(lang)
        what = "%s: %s" % (self.path, message) if self.path else message
        return escape_controls("%s: error: %s" % (where, what))

    def to_dict(self, lang: str = "en") -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "path": self.path, "message": self.text(lang)}


class InputError(Exception):
    """An input file or rule pack that cannot be used.  str() is the whole user-facing line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem

    @classmethod
    def at(cls, file: str, message: Text, line: Optional[int] = None,
           column: Optional[int] = None, path: str = "") -> "InputError":
        return cls(Problem.of(file, message, line, column, path))


class EngineError(Exception):
    """Rule evaluation failed inside durable_rules for one initiative."""
