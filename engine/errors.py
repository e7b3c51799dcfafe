"""Errors that reach the user as one line: FILE:LINE:COL: error: PATH: what is wrong."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Problem:
    """One input problem with its position; what an InputError carries and reports print."""

    file: str
    message: str
    line: Optional[int] = None
    column: Optional[int] = None
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += ":%d:%d" % (self.line, self.column or 1)
        what = "%s: %s" % (self.path, self.message) if self.path else self.message
        return "%s: error: %s" % (where, what)

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column,
                "path": self.path, "message": self.message}


class InputError(Exception):
    """An input file or rule pack that cannot be used.  str() is the whole user-facing line."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem

    @classmethod
    def at(cls, file: str, message: str, line: Optional[int] = None,
           column: Optional[int] = None, path: str = "") -> "InputError":
        return cls(Problem(file, message, line, column, path))


class EngineError(Exception):
    """Rule evaluation failed inside durable_rules for one initiative."""
