"""The pack cache, `$XDG_CACHE_HOME/idm/packs/<digest>/` (docs/design/packs.md §6): fetched
packs by content digest.  An entry is complete or absent (written beside, then renamed), and
is checked against its digest every time a run reads it."""
from __future__ import annotations

import os
from typing import Mapping, Optional

from .digest import PREFIX, digest


def cache_root(env: Optional[Mapping[str, str]] = None) -> str:
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "idm", "packs")


def entry_folder(pack_digest: str, root: Optional[str] = None) -> str:
    hexdigest = pack_digest[len(PREFIX):] if pack_digest.startswith(PREFIX) else pack_digest
    if not hexdigest or not all(c in "0123456789abcdef" for c in hexdigest):
        raise ValueError("not a digest: %r" % pack_digest)
    return os.path.join(root or cache_root(), hexdigest)


def work_folder(root: Optional[str] = None) -> str:
    """A temporary folder on the cache's file system (so entries are renamed into place)."""
    import tempfile   # here: a run that only reads the cache never needs it
    root = root or cache_root()
    os.makedirs(root, exist_ok=True)
    return tempfile.mkdtemp(prefix=".work-", dir=root)


def store(folder: str, root: Optional[str] = None) -> str:
    """Move a fetched pack into the cache under its digest; returns the digest."""
    import shutil
    found = digest(folder)
    target = entry_folder(found, root)
    if os.path.isdir(target):
        if digest(target) == found:
            shutil.rmtree(folder)
            return found
        shutil.rmtree(target)   # a damaged entry: replaced by the good copy
    try:
        os.rename(folder, target)
    except OSError:
        # Another idm stored the same pack meanwhile: theirs is as good as ours.
        if not os.path.isdir(target) or digest(target) != found:
            raise
        shutil.rmtree(folder)
    return found


def verified(pack_digest: str, root: Optional[str] = None) -> Optional[str]:
    """The entry's digest as found now (None when absent), so the caller compares."""
    folder = entry_folder(pack_digest, root)
    if not os.path.isdir(folder):
        return None
    return digest(folder)
