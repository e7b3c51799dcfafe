"""Which files a run checks: paths and directories expanded, each file once, as users name them."""
from __future__ import annotations

import os
import stat
from typing import Any, Callable, Iterator, List, Optional, Sequence, Set, Tuple

from ..errors import InputError, Problem
from ..i18n import said
from .loader import file_kind

INITIATIVE_SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"

InputFile = Tuple[str, bool]   # (path, found by walking a directory)


def display_name(path: str) -> str:
    """A path as users see it: relative to the working directory when inside it."""
    if path == STDIN:
        return "<stdin>"
    if not os.path.isabs(path):
        # What relpath gives for a relative path that stays below the working directory, without
        # asking the system for that directory twice per call (once per file of a portfolio).
        rel = os.path.normpath(path)
        if not rel.startswith(".."):
            return rel
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _walk_refusal(path: str, top: str, given: str) -> Tuple[Optional[str], bool]:
    """Why a file found in the directory `given` (real path `top`) is not read, or None; and
    whether it is a symbolic link.

    A directory walk reads regular files only and never leaves the directory it was given: a
    symbolic link is followed only when its target is inside it (git commits symbolic links, so
    a pull request could otherwise make a gate read, and quote, any file on the runner)."""
    link = False
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            link = True
            real = os.path.realpath(path)
            if not real.startswith(top.rstrip(os.sep) + os.sep):
                return ("symbolic link to a file outside %s; not read (give the file itself to "
                        "check it)" % display_name(given)), link
            info = os.stat(path)
    except OSError:
        return None, True   # gone, a loop, unreadable: reported when it is read
    kind = file_kind(info.st_mode)
    return (None if kind is None else "is %s, not a regular file; not read" % kind), link


def _walk(top: str, onerror: Callable[[OSError], None]
          ) -> Iterator[Tuple[str, List[Any], List[Any]]]:
    """os.walk from `top`, top down, with the directory entries themselves (what they are is
    known from the listing, without a look at each file): the caller sets the names of the
    directories to descend into in the list it is given, as with os.walk."""
    try:
        with os.scandir(top) as listing:
            entries = list(listing)
    except OSError as e:
        onerror(e)
        return
    dirs, files = [], []
    for e in entries:
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else files).append(e)
    chosen: List[Any] = list(dirs)
    yield top, chosen, files
    for name in chosen:
        yield from _walk(os.path.join(top, name), onerror)


def expand_inputs(paths: Sequence[str]) -> Tuple[List[InputFile], List[Problem]]:
    """Files to check as (path, found in a directory); a path given twice is checked once."""
    out: List[InputFile] = []
    problems: List[Problem] = []
    seen: Set[str] = set()

    def add(p: str, from_dir: bool, key: Optional[str] = None) -> None:
        if key is None:
            key = p if p == STDIN else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append((p, from_dir))

    for p in paths:
        if p == STDIN:
            add(p, False)
        elif os.path.isdir(p):
            found = []
            top = os.path.realpath(p)
            for root, dirs, files in _walk(p, lambda e: problems.append(
                    Problem.of(display_name(e.filename or p),
                               said("input.cannot_read_directory", reason=str(e.strerror or e))))):
                # Links to directories are not descended: the walk stays inside `p`.
                dirs[:] = sorted(d.name for d in dirs if not d.name.startswith(".")
                                 and not d.is_symlink())
                real_root = os.path.realpath(root)
                for entry in sorted(files, key=lambda e: e.name):
                    f = entry.name
                    if f.endswith(INITIATIVE_SUFFIXES) and not f.startswith("."):
                        full = os.path.join(root, f)
                        # A regular file that is no link needs no second look (the listing
                        # says what it is); anything else is looked at for why it is refused.
                        if entry.is_file(follow_symlinks=False) and not entry.is_symlink():
                            refused, link = None, False
                        else:
                            refused, link = _walk_refusal(full, top, p)
                        if refused:
                            problems.append(Problem(display_name(full), refused))
                        else:   # a file that is no link is where its directory really is
                            found.append((full, None if link else os.path.join(real_root, f)))
            if not found:
                problems.append(Problem.of(display_name(p), said("input.no_initiative_files")))
            for f, key in sorted(found):
                add(f, True, key)
        elif os.path.lexists(p):
            add(p, False)
        else:
            problems.append(Problem.of(display_name(p), said("input.no_such_file_or_directory")))
    return out, problems


def select_inputs(paths: Sequence[str], select: Optional[Callable[[str], bool]] = None
                  ) -> Tuple[List[InputFile], List[Problem]]:
    """The expanded input files that `select(path)` keeps (--changed-only), and the problems."""
    files, problems = expand_inputs(paths)
    if select is not None:   # --changed-only: unchanged files are left out
        files = [(p, d) for p, d in files if select(p)]
    return files, problems


def read_stdin_if_named(files: Sequence[InputFile], read_stdin: Optional[Callable[[], bytes]],
                        problems: List[Problem]) -> Tuple[List[InputFile], Optional[bytes]]:
    """Standard input, read once, when one of the files is `-`; a problem reading it (such as
    more bytes than the limit) is its one error line, and the other files are still checked."""
    files = list(files)
    if read_stdin is None or not any(p == STDIN for p, _ in files):
        return files, None
    try:
        return files, read_stdin()
    except InputError as e:
        problems.append(e.problem)
        return [(p, d) for p, d in files if p != STDIN], None


def read_stream(stream: Any, limit: int, name: str = "<stdin>") -> bytes:
    """All of `stream` (standard input), refused past `limit` bytes without reading further."""
    parts: List[bytes] = []
    size = 0
    try:
        while True:
            chunk = stream.read(min(1 << 20, limit + 1 - size))
            if not chunk:
                return b"".join(parts)
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError.at(name, said("input.over_limit", limit=limit))
    except OSError as e:
        raise InputError.at(name, said("input.cannot_read", reason=str(e.strerror or e)))
