"""Where a command's words go: its report on standard output, its messages on standard error.

The command line gives every command a console onto the terminal (cli.py); a program calling
the Python API gets one that keeps both texts, which the command's result then carries."""
from __future__ import annotations

import sys
from typing import BinaryIO, List, Optional


class Console:
    """Standard output, standard error and standard input of one command, kept in memory.

    Subclasses stream them instead (the command line)."""

    def __init__(self, stdin: Optional[BinaryIO] = None) -> None:
        self._out: List[str] = []
        self._err: List[str] = []
        self._stdin = stdin

    def write(self, text: str) -> None:
        """Text onto standard output (a report written as it is made)."""
        self._out.append(text)

    def flush(self) -> None:
        """The end of one report on standard output."""

    def echo(self, text: str, nl: bool = True) -> None:
        """A line (or, without `nl`, a text) on standard output."""
        self.write(text + "\n" if nl else text)
        self.flush()

    def error(self, line: str) -> None:
        """One message line on standard error."""
        self._err.append(line + "\n")

    def stdin(self) -> BinaryIO:
        return self._stdin if self._stdin is not None else sys.stdin.buffer

    def stdout_text(self) -> str:
        """What went to standard output ("" when the console streams it)."""
        return "".join(self._out)

    def stderr_text(self) -> str:
        """What went to standard error ("" when the console streams it)."""
        return "".join(self._err)
