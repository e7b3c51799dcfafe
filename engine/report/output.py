"""Writing reports to files (docs/security.md, "Outputs").

A report replaces a regular file atomically: it is written to a temporary file in the same
directory and renamed into place, so a CI step never reads half a report and a failed write
leaves the previous one as it was.  The new file gets the mode a plain `open(path, "w")` would
give it: the mode of the file it replaces, or 0666 less the umask.  A symbolic link is written
through (its target is replaced, the link stays); a device or FIFO such as /dev/stdout is opened
and written like any program would.  A path that is also an input is refused.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Callable, Iterable, List, Optional, Sequence, TextIO, Tuple, Union

from ..errors import InputError, Problem

STDOUT = "-"
Writer = Union[str, Callable[[TextIO], None]]


class OutputError(InputError):
    """A report that could not be written: one line, exit code 2."""


def _fail(path: str, what: str) -> OutputError:
    return OutputError(Problem(path, "cannot write the report: %s" % what))


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (through links too); False when either cannot be read."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_inputs(outputs: Iterable[Tuple[str, str]], inputs: Iterable[str]) -> List[Problem]:
    """One problem per output (option, path) that would overwrite an input file."""
    inputs = [p for p in inputs if p != STDOUT]
    out = []
    for option, path in outputs:
        if path == STDOUT:
            continue
        for given in inputs:
            if same_file(path, given):
                out.append(Problem(path, "%s would overwrite the input %s; choose another file"
                                   % (option, given)))
                break
    return out


def refuse_two_on_stdout(outputs: Sequence[Tuple[str, str]]) -> List[Problem]:
    """Only one report can go to standard output."""
    on_stdout = [option for option, path in outputs if path == STDOUT]
    if len(on_stdout) < 2:
        return []
    return [Problem(on_stdout[1], "standard output already carries the report of %s; give "
                    "--output FILE for that one, or write this one to a file" % on_stdout[0])]


def _mode_for_new_file() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_report(path: str, text: Writer) -> None:
    """Write `text` (or what `text(stream)` writes) to `path`; OutputError on any failure."""
    try:
        info: Optional[os.stat_result] = os.stat(path)    # through a symbolic link
    except FileNotFoundError:
        info = None
    except OSError as e:
        raise _fail(path, _why(e, os.path.dirname(os.path.abspath(path))))
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _fail(path, "is a directory")
    target = os.path.realpath(path)      # a link stays; the file it names is replaced
    if (info is not None and not stat.S_ISREG(info.st_mode)) or \
            target.startswith(("/dev/", "/proc/")):
        _write_plain(path, text)         # a device, FIFO or /dev/stdout: as any program would
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else _mode_for_new_file()
    folder = os.path.dirname(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".idm-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise _fail(path, _why(e, folder))
    try:
        try:
            os.fchmod(fd, mode)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fd = -1
                _emit(fh, text)
            os.replace(tmp, target)
        finally:
            if fd >= 0:
                os.close(fd)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise _fail(path, "%s (the previous report is unchanged)" % _why(e, folder)) from None
        raise


def _write_plain(path: str, text: Writer) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            _emit(fh, text)
    except OSError as e:
        raise _fail(path, _why(e, os.path.dirname(os.path.abspath(path)))) from None


def _emit(fh: TextIO, text: Writer) -> None:
    if isinstance(text, str):
        fh.write(text)
    else:
        text(fh)


def _why(e: OSError, folder: str) -> str:
    if e.errno == errno.ENOENT:
        return "the directory %s does not exist" % (os.path.relpath(folder)
                                                     if folder.startswith(os.getcwd()) else folder)
    if e.errno == errno.ENOTDIR:
        return "a part of the path is not a directory"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENOSPC:
        return "no space left on the device"
    return e.strerror or str(e)
