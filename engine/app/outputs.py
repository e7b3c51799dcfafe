"""Every file a command writes passes here: reports, registers, baselines, dossiers, dashboards
and rule catalogues (docs/security.md, "Outputs").

A file replaces a regular file atomically: it is written to a temporary file in the same
directory and renamed into place, so a CI step never reads half a report and a failed write
leaves the previous one as it was.  The new file gets the mode a plain `open(path, "w")` would
give it: the mode of the file it replaces, or 0666 less the umask.  A symbolic link is written
through (its target is replaced, the link stays) when the user named it; a link at a path that
the project file names is refused when its target leaves the working directory and the
repository.  A device or FIFO such as /dev/stdout is opened and written like any program would.
An input, a rule-pack file, the project file and the history store are never written over.
"""
from __future__ import annotations

import errno
import functools
import os
import stat
import tempfile
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Sequence, TextIO, Tuple, Union

from ..errors import InputError, Problem, escape_controls
from ..i18n import Said, Text, catalogue, said
from .console import Console

STDOUT = "-"
Writer = Union[str, Callable[[TextIO], None]]


class OutputError(InputError):
    """A report that could not be written: one line, exit code 2."""


def _fail(path: str, what: Text) -> OutputError:
    return OutputError(Problem.of(path, said("cli.cannot_write", why=what)))


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (through links too); False when either cannot be read."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_two_on_stdout(outputs: Sequence[Tuple[str, str]]) -> List[Problem]:
    """Only one report can go to standard output."""
    on_stdout = [option for option, path in outputs if path == STDOUT]
    if len(on_stdout) < 2:
        return []
    return [Problem.of(on_stdout[1], said("cli.two_on_stdout", first=on_stdout[0]))]


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
        raise _fail(path, said("cli.is_directory"))
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
            raise _fail(path, said("cli.previous_unchanged", why=_why(e, folder))) from None
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


def _why(e: OSError, folder: str) -> Text:
    """Why a write failed, in the catalogue's words (the system's own text for the rest)."""
    if e.errno == errno.ENOENT:
        return said("cli.no_directory", folder=os.path.relpath(folder)
                    if folder.startswith(os.getcwd()) else folder)
    if e.errno == errno.ENOTDIR:
        return said("cli.not_directory")
    if e.errno in (errno.EACCES, errno.EPERM):
        return said("cli.permission_denied")
    if e.errno == errno.ENOSPC:
        return said("cli.no_space")
    return e.strerror or str(e)


@dataclass(frozen=True)
class Target:
    """One file (or standard output, "-") a command writes in `fmt`.  `option` names it as the
    user gave it, for messages; `configured` when the project file named it, not the command
    line (a symbolic link there is not followed out of the working tree)."""
    fmt: str
    path: str
    option: str
    configured: bool = False


def repository_root(start: Optional[str] = None) -> Optional[str]:
    """The nearest folder holding `.git`, from `start` (the working directory) up."""
    folder = os.path.realpath(start or os.getcwd())
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class Outputs:
    """The files of one command.  Before the run, `refuse` says which targets may not be
    written (before anything is); `write` writes one, atomically, and on failure leaves one
    line on the console and returns False, so that the other outputs are still written.

    Protected, never written over: the inputs and rule packs given to `protect_inputs`, the
    project file and the history store given to `protect`.  The protected files are only
    expanded when a target exists (a new file cannot replace an input).  Its messages are in
    `lang`."""

    def __init__(self, console: Console, lang: str = "en") -> None:
        self.console = console
        self.lang = lang
        self.written: List[str] = []
        self.failed = False
        self._inputs: List[str] = []
        self._named: List[Tuple[str, str]] = []     # (path, what it is: a cli.protected key)
        self._stores: List[Optional[str]] = []

    def protect_inputs(self, paths: Iterable[str]) -> None:
        """Input files and folders, rule-pack files and folders: "the input X" in messages."""
        self._inputs += [p for p in paths if p and p != STDOUT]
        self.__dict__.pop("_protected", None)

    def protect(self, path: Optional[str], what: str = "project_file") -> None:
        """One more file never to write over, named "the WHAT PATH" in messages (`what`: a
        key of the catalogue's cli.protected section)."""
        if path:
            self._named.append((path, what))
            self.__dict__.pop("_protected", None)
            self.__dict__.pop("_protected_ids", None)

    def protect_store(self, target: Optional[str]) -> None:
        """The history store TARGET names (None: IDM_DB_URL, else .idm/history.sqlite)."""
        self._stores.append(target)
        self.__dict__.pop("_protected", None)
        self.__dict__.pop("_protected_ids", None)

    @functools.cached_property
    def _protected(self) -> List[Tuple[str, Said]]:
        from ..inputs.discovery import expand_inputs
        from ..pack.rulepack import rule_files
        existing = [p for p in self._inputs if os.path.exists(p)]
        files = [p for p, _ in expand_inputs(existing)[0]]
        files += rule_files([p for p in existing if os.path.isdir(p)])
        out = [(p, said("cli.protected.input", path=p)) for p in files]
        out += [(p, said("cli.protected." + what, path=_shown(p))) for p, what in self._named]
        for target in dict.fromkeys(self._stores):
            store = _store_file(target)
            if store is not None:
                out += [(store + suffix, said("cli.protected.history_store", path=_shown(store)))
                        for suffix in ("", "-wal", "-shm", "-journal")]
        return out

    def _refusal(self, target: Target) -> Optional[Problem]:
        path = target.path
        if path == STDOUT:
            return None
        if target.configured:
            link = _link_out_of_tree(path)
            if link is not None:
                return Problem.of(path, said("cli.link_out_of_tree", option=target.option,
                                             target=link))
        if not os.path.exists(path) and not os.path.islink(path):
            return None
        what = self._protecting(path)
        if what is not None:
            return Problem.of(path, said("cli.would_overwrite", option=target.option, what=what))
        return None

    @functools.cached_property
    def _protected_ids(self) -> Tuple[Dict[Tuple[int, int], Said], List[Tuple[str, Said]]]:
        """The protected files by (device, inode), and those that cannot be looked at: one
        look at each, not two per target (a portfolio protects 10,000 inputs)."""
        ids: Dict[Tuple[int, int], Said] = {}
        unreadable = []
        for given, what in self._protected:
            try:
                st = os.stat(given)
            except OSError:
                unreadable.append((given, what))
                continue
            ids.setdefault((st.st_dev, st.st_ino), what)
        return ids, unreadable

    def _protecting(self, path: str) -> Optional[Said]:
        """What protects `path` from being written (same_file of each protected file, in
        effect), or None."""
        try:
            st = os.stat(path)
        except OSError:
            for given, what in self._protected:
                if same_file(path, given):
                    return what
            return None
        ids, unreadable = self._protected_ids
        found = ids.get((st.st_dev, st.st_ino))
        if found is not None:
            return found
        for given, what in unreadable:
            if same_file(path, given):
                return what
        return None

    def refuse(self, targets: Sequence[Target]) -> List[Problem]:
        """What stops the command before it runs: a target over a protected file, a link out of
        the tree at a configured path, or two reports on standard output."""
        problems = refuse_two_on_stdout([(t.option, t.path) for t in targets])
        return problems + [p for p in map(self._refusal, targets) if p is not None]

    def write(self, target: Target, writer: Writer) -> bool:
        """Write one output (to the console when its path is "-"); False after one line on the
        console when it could not be written, because of the file or because of the writer."""
        refused = self._refusal(target)
        if refused is not None:
            self.console.error(refused.shown(self.lang))
            self.failed = True
            return False
        try:
            if target.path != STDOUT:
                write_report(target.path, writer)
                self.written.append(target.path)
            else:
                _emit(self.console, writer)   # type: ignore[arg-type]
                self.console.flush()
        except OutputError as e:
            self.console.error(e.problem.shown(self.lang))
            self.failed = True
            return False
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as e:   # a reporter bug must not cost the other outputs
            words = catalogue(self.lang)
            self.console.error(escape_controls(words("cli.writer_failed") % {
                "fmt": target.fmt, "error": "%s: %s" % (type(e).__name__, e),
                "where": target.path if target.path != STDOUT else words("cli.standard_output")}))
            self.failed = True
            return False
        return True

    def make_folder(self, folder: str) -> bool:
        """Create `folder` (and its parents) for outputs; False after one line when it cannot."""
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as e:
            parent = os.path.dirname(os.path.abspath(folder))
            self.console.error(_fail(folder, _why(e, parent)).problem.shown(self.lang))
            self.failed = True
            return False
        return True


def _shown(path: str) -> str:
    """A path as messages show it: relative when it is below the working directory."""
    here = os.getcwd()
    full = os.path.abspath(path)
    return os.path.relpath(full, here) if _inside(full, here) and full != here else path


def _store_file(target: Optional[str]) -> Optional[str]:
    """The file of an SQLite history store TARGET names (as engine.history.target.resolve reads
    it, without loading the database layer); None for PostgreSQL."""
    from ..history.target import DEFAULT_FILE, ENV
    text = target or os.environ.get(ENV) or DEFAULT_FILE
    if "://" not in text:
        return os.path.abspath(text)
    if text.startswith("sqlite:///"):
        return text[len("sqlite:///"):].split("?", 1)[0] or None
    return None


def _link_out_of_tree(path: str) -> Optional[str]:
    """Where `path` leads when a symbolic link in it leaves the working directory and the
    repository; None when it stays inside (or involves no link)."""
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return None
    roots = [os.path.realpath(os.getcwd())] + [r for r in [repository_root()] if r]
    if any(_inside(real, root) for root in roots):
        return None
    return real
