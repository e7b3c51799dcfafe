"""The content digest of a pack (docs/design/packs.md §6): the same tree gives the same digest
whether it came from git, an archive or a folder."""
from __future__ import annotations

import hashlib
import os
from typing import List, Tuple

VCS_DIRS = (".git", ".hg", ".svn")   # version-control metadata: the only thing not counted
PREFIX = "sha256:"


def pack_files(folder: str) -> List[Tuple[str, str]]:
    """(relative POSIX path, full path) of every regular file, sorted by the relative path.
    Symbolic links are not followed (a fetched pack has none; archive.py refuses them)."""
    out = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if d not in VCS_DIRS]
        for f in files:
            full = os.path.join(root, f)
            if os.path.isfile(full) and not os.path.islink(full):
                out.append((os.path.relpath(full, folder).replace(os.sep, "/"), full))
    out.sort(key=lambda pf: pf[0].encode("utf-8"))
    return out


def digest(folder: str) -> str:
    """`sha256:` + SHA-256 over each file's path, NUL, length (decimal), NUL, content."""
    h = hashlib.sha256()
    for rel, full in pack_files(folder):
        with open(full, "rb") as fh:
            data = fh.read()
        h.update(rel.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        h.update(data)
    return PREFIX + h.hexdigest()
