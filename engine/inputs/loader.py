"""Read YAML or JSON files into plain data plus a position index {field path: (line, column)}.

Only the YAML core types are constructed (str, int, float, bool, null, date, list, map): any other
tag is refused, so nothing in an input file can make Python objects or run code.  Duplicate keys,
non-string keys, alias bombs and absurd nesting are input errors with a position.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import errno
import functools
import os
import stat
import types
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import yaml

from ..errors import InputError
from ..i18n import Text, said

try:  # libyaml is several times faster; marks and tags are the same
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader

Positions = Dict[str, Tuple[int, int]]


class _FastResolve:
    """Tag resolution cut to what the safe loader does without path resolvers (none are
    registered): the composer asks for a tag per value, and the general method was a sixth of
    the time spent loading a portfolio."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:   # quoted: a string
                return _STR
            return _short_plain_tag(value) if len(value) <= 40 else _plain_tag(value)
        return _MAP if kind is yaml.MappingNode else _SEQ


def _plain_tag(value: str) -> str:
    """The tag of a plain (unquoted) scalar: the first implicit resolver that matches."""
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


# Keys and short values (phases, levels, dates, booleans) recur in every file of a portfolio.
_short_plain_tag = functools.lru_cache(maxsize=4096)(_plain_tag)
_IMPLICIT = _BaseLoader.yaml_implicit_resolvers   # first character -> [(tag, regexp)]


class _Loader(_FastResolve, _BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, in C where PyYAML has libyaml."""


class _PyLoader(_FastResolve, yaml.SafeLoader):
    """The pure-Python safe loader: the same documents, without libyaml's own limits."""


@dataclass(frozen=True)
class Limits:
    """Bounds per input file (docs/security.md); all can be raised on the command line."""

    max_bytes: int = 10 * 1024 * 1024
    max_nodes: int = 200_000        # after alias expansion: stops "billion laughs"
    max_depth: int = 64


DEFAULT_LIMITS = Limits()

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)  # only its scalar constructors are used
yaml.constructor.SafeConstructor.__init__(_constructor)
_SCALAR_CONSTRUCTORS = {t: yaml.constructor.SafeConstructor.yaml_constructors[t]
                        for t in _SCALAR_TAGS}
_STR, _MAP, _SEQ = _CORE + "str", _CORE + "map", _CORE + "seq"


@dataclass
class Document:
    file: str
    data: Any
    positions: Positions

    def position(self, path: str) -> Tuple[Optional[int], Optional[int]]:
        """Line and column of a field, or of its nearest present ancestor (docs/design/evaluation.md §5)."""
        return locate(self.positions, path)


def locate(positions: Positions, path: str) -> Tuple[Optional[int], Optional[int]]:
    p = path
    while True:
        if p in positions:
            return positions[p]
        if not p:
            return (None, None)
        cut = max(p.rfind("."), p.rfind("["))
        p = p[:cut] if cut > 0 else ""


def join_path(parent: str, key: Any) -> str:
    if isinstance(key, int):
        return "%s[%d]" % (parent, key)
    return "%s.%s" % (parent, key) if parent else str(key)


def read_text(file: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """Decode bytes as UTF-8 (or UTF-16/32 with a BOM); refuse binary data and oversized files."""
    if len(raw) > limits.max_bytes:
        raise InputError.at(file, said("input.too_large", size=len(raw), limit=limits.max_bytes))
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
                       (b"\xef\xbb\xbf", "utf-8")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError as e:
                raise InputError.at(file, said("input.bad_encoding", codec=codec,
                                               offset=e.start + len(bom)))
    if b"\x00" in raw:
        raise InputError.at(file, said("input.binary"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise InputError.at(file, said("input.bad_utf8", byte="0x%02x" % raw[e.start]), line, col)


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODE = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


# A text this short cannot nest deeper than its length (20,000 levels composed fine; 50,000 did
# not) nor hold more values than max_nodes before alias expansion, which the builder counts: the
# walk over parser events below, a third of the loading time of a typical initiative, is skipped.
_SMALL = 8192


def _check_depth(file: str, text: str, limits: Limits, loader: Any = _BaseLoader) -> None:
    """Refuse absurd nesting and node counts before composing (composing is slow: a minute for
    10 MB of small values).  Nesting: libyaml's composer recurses in C and dies with SIGSEGV at
    tens of thousands of levels (30,000 nested `- ` on one line did: no brackets or indentation
    to give it away).  The parser itself keeps explicit stacks, so its events are safe to walk."""
    depth = 0
    count = 0
    for ev in yaml.parse(text, Loader=loader):
        if isinstance(ev, _NODE):
            count += 1   # aliases count once here; the builder counts their expansion
            if count > limits.max_nodes:
                m = ev.start_mark
                raise InputError.at(file, said("input.too_many_values", limit=limits.max_nodes),
                                    m.line + 1, m.column + 1)
        if isinstance(ev, _OPEN):
            depth += 1
            if depth > limits.max_depth:
                m = ev.start_mark
                raise InputError.at(file, said("input.too_deep", limit=limits.max_depth),
                                    m.line + 1, m.column + 1)
        elif isinstance(ev, _CLOSE):
            depth -= 1


# libyaml 0.2.5 has no nesting limit; the libyaml that PyYAML 6.0.4's wheels bundle refuses
# 1,000 levels with this problem text, and its scanner looks ahead so far on one line that it
# says so before idm's own walk sees level 65.  idm's limits decide, whichever PyYAML is installed.
_LIBYAML_LIMIT = "exceeded maximum nesting depth"


def _after_yaml_error(file: str, text: str, limits: Limits,
                      error: yaml.MarkedYAMLError) -> List[yaml.Node]:
    """The parser refused the text.  If idm's own limits are broken before the place it refused,
    that is the error (as it would be in a file without the later problem).  If what refused it
    was only libyaml's nesting limit, the pure-Python parser, which has none, composes it."""
    libyaml_limit = _LIBYAML_LIMIT in (error.problem or "")
    mark = error.problem_mark or error.context_mark
    before = text if libyaml_limit or mark is None else text[:_offset(text, mark)]
    for loader in (_BaseLoader, yaml.SafeLoader):
        try:
            _check_depth(file, before, limits, loader)
            break
        except yaml.MarkedYAMLError as e:   # the cut's own end, or libyaml's limit again
            if _LIBYAML_LIMIT not in (e.problem or ""):
                break
    if not libyaml_limit:
        raise error
    _check_depth(file, text, limits, yaml.SafeLoader)
    return list(yaml.compose_all(text, Loader=_PyLoader))


def _offset(text: str, mark: Any) -> int:
    """Where a mark points, as an index into `text` (from its line and column, which every
    PyYAML reports the same way)."""
    start = 0
    for _ in range(mark.line):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + mark.column, len(text))


def _yaml_error(file: str, e: yaml.MarkedYAMLError) -> InputError:
    mark = e.problem_mark or e.context_mark
    what = " ".join(x for x in (e.context, e.problem) if x) or "invalid YAML"
    return InputError.at(file, said("input.invalid_yaml", problem=what),
                         mark.line + 1 if mark else None, mark.column + 1 if mark else None)


def parse_yaml(file: str, text: str, limits: Limits = DEFAULT_LIMITS,
               packaged: bool = False) -> Document:
    """Parse one YAML (or JSON) document.  Several documents in one file are an error.

    `packaged`: a file shipped inside idm itself (the default rule pack), whose nesting need not
    be measured before composing (a sixth of a one-initiative check's start-up time)."""
    try:
        try:
            if len(text) > _SMALL and not packaged:
                _check_depth(file, text, limits)
            nodes = list(yaml.compose_all(text, Loader=_Loader))
        except yaml.MarkedYAMLError as e:
            nodes = _after_yaml_error(file, text, limits, e)
    except yaml.MarkedYAMLError as e:
        raise _yaml_error(file, e)
    except yaml.YAMLError as e:
        raise InputError.at(file, said("input.invalid_yaml", problem=str(e)))
    except RecursionError:
        raise InputError.at(file, said("input.too_deep", limit=limits.max_depth))
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise InputError.at(file, said("input.empty"))
    if len(nodes) > 1:
        m = nodes[1].start_mark
        raise InputError.at(file, said("input.several_documents"), m.line + 1, m.column + 1)
    builder = _Builder(file, limits)
    m = nodes[0].start_mark
    builder.positions[""] = (m.line + 1, m.column + 1)
    data = builder.build(nodes[0], "", 0)
    return Document(file, data, builder.positions)


def file_kind(mode: int) -> Optional[str]:
    """What a file that is not a regular file is, in words; None for a regular file."""
    for test, words in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                        (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                        (stat.S_ISBLK, "a block device")):
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_bytes(path: str, name: str, limit: int) -> bytes:
    """The bytes of the regular file at `path` (symbolic links followed), at most `limit`.

    Opened without blocking, so a FIFO never stalls the run; anything but a regular file (FIFO,
    socket, device, also reached through a symbolic link such as /dev/stdin) is refused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:   # also a file deleted after the inputs were listed
        raise InputError.at(name, said("input.no_such_file_or_directory"))
    except IsADirectoryError:
        raise InputError.at(name, said("input.is_directory"))
    except PermissionError:
        raise InputError.at(name, said("input.permission_denied"))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError.at(name, said("input.link_loop"))
        if e.errno == errno.ENXIO:   # a FIFO or socket nobody writes to
            raise InputError.at(name, said("input.fifo"))
        raise InputError.at(name, said("input.cannot_read", reason=str(e.strerror or e)))
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind == "a directory":
            raise InputError.at(name, said("input.is_directory"))
        if kind is not None:
            raise InputError.at(name, said("input.special", kind=kind))
        if info.st_size > limit:
            raise InputError.at(name, said("input.too_large", size=info.st_size, limit=limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        # os.read, not a file object around fd: a tenth of reading a small file was making one
        parts = []
        size = 0
        while size <= limit:   # at most limit + 1 bytes, as the file may grow meanwhile
            chunk = os.read(fd, min(max(info.st_size + 1 - size, 1 << 16), limit + 1 - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
        return parts[0] if len(parts) == 1 else b"".join(parts)
    except OSError as e:
        raise InputError.at(name, said("input.cannot_read", reason=str(e.strerror or e)))
    finally:
        if fd >= 0:
            os.close(fd)


# The texts an editor holds but has not saved, by real path (`idm lsp`): what the language server
# checks is what the user sees, and it never writes a file to get there.  A context variable, so
# only the code run inside `reading_unsaved` sees them.
_UNSAVED: contextvars.ContextVar[Mapping[str, str]] = contextvars.ContextVar(
    "unsaved", default=types.MappingProxyType({}))


def is_unsaved(path: str) -> bool:
    """True when load_file reads `path` from an editor's unsaved text (reading_unsaved)."""
    unsaved = _UNSAVED.get()
    return bool(unsaved) and os.path.realpath(path) in unsaved


@contextlib.contextmanager
def reading_unsaved(texts: Mapping[str, str]) -> Iterator[None]:
    """Within the block, load_file reads a path of `texts` (real paths) from there, not disk."""
    token = _UNSAVED.set({os.path.realpath(k): v for k, v in texts.items()})
    try:
        yield
    finally:
        _UNSAVED.reset(token)


def load_file(path: str, limits: Limits = DEFAULT_LIMITS, display: Optional[str] = None,
              packaged: bool = False) -> Document:
    name = display or path
    unsaved = _UNSAVED.get()
    if unsaved:
        text = unsaved.get(os.path.realpath(path))
        if text is not None:   # as bytes read from disk: the same limits and encoding checks
            raw = text.encode("utf-8", "surrogatepass")
            return parse_yaml(name, read_text(name, raw, limits), limits, packaged)
    raw = read_bytes(path, name, limits.max_bytes)
    return parse_yaml(name, read_text(name, raw, limits), limits, packaged)


class _Builder:
    def __init__(self, file: str, limits: Limits):
        self.file = file
        self.limits = limits
        self.positions: Positions = {}
        self.count = 0

    def fail(self, node: yaml.Node, path: str, message: Text) -> InputError:
        m = node.start_mark
        return InputError.at(self.file, message, m.line + 1, m.column + 1, path)

    def build(self, node: yaml.Node, path: str, depth: int) -> Any:
        """The value of `node` at field path `path`.  Its position is recorded by the caller:
        where its key is written, for a mapping's value (its value may start on a later line)."""
        self.count += 1
        if self.count > self.limits.max_nodes:
            m = node.start_mark   # no field path: the expansion's path means nothing to a reader
            raise InputError.at(self.file, said("input.too_many_values",
                                                limit=self.limits.max_nodes),
                                m.line + 1, m.column + 1)
        kind = type(node)
        if kind is _ScalarNode:
            if node.tag == _STR:
                return node.value    # what construct_yaml_str returns, without the bookkeeping
            return self.scalar(node, path)
        if depth >= self.limits.max_depth:
            m = node.start_mark   # as the event walk says it: the first collection past the limit
            raise InputError.at(self.file, said("input.too_deep", limit=self.limits.max_depth),
                                m.line + 1, m.column + 1)
        positions = self.positions
        if kind is _MappingNode:
            if node.tag != _MAP:
                raise self.fail(node, path, said("input.yaml_tag", tag=_tag(node)))
            out: Dict[str, Any] = {}
            prefix = path + "." if path else ""
            for knode, vnode in node.value:
                if knode.tag != _STR or type(knode) is not _ScalarNode:
                    if knode.tag == _CORE + "merge":
                        raise self.fail(knode, path, said("input.merge_key"))
                    raise self.fail(knode, path, said("input.key_type", found=_describe(knode)))
                key = knode.value
                sub = prefix + key
                if key in out:
                    raise self.fail(knode, sub, said("input.duplicate_key", key=repr(key)))
                m = knode.start_mark
                positions[sub] = (m.line + 1, m.column + 1)
                out[key] = self.build(vnode, sub, depth + 1)
            return out
        if node.tag != _SEQ:
            raise self.fail(node, path, said("input.yaml_tag", tag=_tag(node)))
        items = []
        for i, v in enumerate(node.value):
            sub = "%s[%d]" % (path, i)
            m = v.start_mark
            positions.setdefault(sub, (m.line + 1, m.column + 1))
            items.append(self.build(v, sub, depth + 1))
        return items

    def scalar(self, node: yaml.Node, path: str) -> Any:
        """A scalar that is not a string: its core type, or an error."""
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, path, said("input.yaml_tag", tag=_tag(node)))
        try:
            # The scalar constructor itself: construct_object would also keep every node it
            # built in `constructed_objects`, memory growing with the portfolio.
            value = _SCALAR_CONSTRUCTORS[node.tag](_constructor, node)
        except (ValueError, yaml.YAMLError) as e:
            raise self.fail(node, path, said("input.bad_value", type=node.tag.rsplit(":", 1)[-1],
                                             value=repr(node.value), reason=str(e)))
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return value.isoformat()  # dates travel as YYYY-MM-DD, as JSON input has them
        return value    # NaN and infinities too: validation refuses them with a field path


_ScalarNode, _MappingNode = yaml.ScalarNode, yaml.MappingNode


def _tag(node: yaml.Node) -> str:
    """A tag as it is written: !!python/object/apply:os.system, not its long form."""
    tag = node.tag or ""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _describe(node: yaml.Node) -> Text:
    if isinstance(node, yaml.MappingNode):
        return said("validate.value.mapping")
    if isinstance(node, yaml.SequenceNode):
        return said("validate.value.list")
    return "%s %r" % (node.tag.rsplit(":", 1)[-1], node.value)


