"""Which files a run checks: paths and directories expanded, each file once, as users name them."""
from __future__ import annotations

import os
from typing import Callable, List, Optional, Sequence, Set, Tuple

from ..errors import Problem

INITIATIVE_SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"

InputFile = Tuple[str, bool]   # (path, found by walking a directory)


def display_name(path: str) -> str:
    """A path as users see it: relative to the working directory when inside it."""
    if path == STDIN:
        return "<stdin>"
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def expand_inputs(paths: Sequence[str]) -> Tuple[List[InputFile], List[Problem]]:
    """Files to check as (path, found in a directory); a path given twice is checked once."""
    out: List[InputFile] = []
    problems: List[Problem] = []
    seen: Set[str] = set()

    def add(p: str, from_dir: bool) -> None:
        key = p if p == STDIN else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append((p, from_dir))

    for p in paths:
        if p == STDIN:
            add(p, False)
        elif os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, onerror=lambda e: problems.append(
                    Problem(display_name(e.filename or p), "cannot read directory: %s"
                            % (e.strerror or e)))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.endswith(INITIATIVE_SUFFIXES) and not f.startswith("."):
                        found.append(os.path.join(root, f))
            if not found:
                problems.append(Problem(display_name(p), "no initiative files (*.yaml, *.yml, "
                                        "*.json) in this directory"))
            for f in sorted(found):
                add(f, True)
        elif os.path.lexists(p):
            add(p, False)
        else:
            problems.append(Problem(display_name(p), "no such file or directory"))
    return out, problems


def select_inputs(paths: Sequence[str], select: Optional[Callable[[str], bool]] = None
                  ) -> Tuple[List[InputFile], List[Problem]]:
    """The expanded input files that `select(path)` keeps (--changed-only), and the problems."""
    files, problems = expand_inputs(paths)
    if select is not None:   # --changed-only: unchanged files are left out
        files = [(p, d) for p, d in files if select(p)]
    return files, problems


def read_stdin_if_named(files: Sequence[InputFile], read_stdin: Optional[Callable[[], bytes]]
                        ) -> Optional[bytes]:
    """Standard input, read once, when one of the files is `-`."""
    return read_stdin() if read_stdin and any(p == STDIN for p, _ in files) else None
