"""Where a pack comes from, and fetching it (docs/design/packs.md §6): a folder, a `.tar.gz` or
`.zip` by path or https URL, or git (`git+https://`, `git+ssh://`, `git+file://`) at a ref.

The only module that reaches the network; only `idm packs lock|fetch|update` call it.  No
credential of a URL is ever part of what it returns for showing or storing (`shown`)."""
from __future__ import annotations

import base64
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Optional

from ..i18n import said
from . import archive
from .source_spec import Source, SourceError, redact, strip_credentials  # noqa: F401

DOWNLOAD_TIMEOUT = 60          # seconds per network read
GIT_TIMEOUT = 600


@dataclass(frozen=True)
class Fetched:
    folder: str                  # the pack's files (a temporary folder; the caller moves it)
    commit: Optional[str] = None


def fetch(source: Source, base: str, work: str) -> Fetched:
    """Fetch `source` (relative paths from `base`, the project file's folder) into a new folder
    below `work`; a pack holding a symbolic link is refused (it could point anywhere)."""
    fetched = _fetch(source, base, work)
    for root, dirs, files in os.walk(fetched.folder):
        for name in dirs + files:
            if os.path.islink(os.path.join(root, name)):
                raise SourceError(said("source.symlink", source=source.shown, path=os.path.relpath(
                    os.path.join(root, name), fetched.folder)))
    return fetched


def _fetch(source: Source, base: str, work: str) -> Fetched:
    dest = tempfile.mkdtemp(prefix="pack-", dir=work)
    kind = source.kind
    if kind == "git":
        return _git(source, dest, work)
    if kind == "url":
        path = _download(source.raw, work)
        _extract(path, dest, source.shown)
        return Fetched(dest)
    path = source.raw if os.path.isabs(source.raw) else os.path.join(base, source.raw)
    if kind == "archive":
        if not os.path.isfile(path):
            raise SourceError(said("source.no_archive", source=source.shown))
        _extract(path, dest, source.shown)
        return Fetched(dest)
    if not os.path.isdir(path):
        raise SourceError(said("source.no_folder", source=source.shown))
    shutil.rmtree(dest)
    shutil.copytree(path, dest, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", ".hg", ".svn"))
    return Fetched(dest)


def _extract(path: str, dest: str, shown: str) -> None:
    try:
        archive.extract(path, dest, shown)
    except archive.ArchiveError as e:
        raise SourceError(e.message)


def _download(url: str, work: str) -> str:
    """Download an https URL to a file below `work`, at most the archive size limit."""
    import urllib.request
    parts = urllib.parse.urlsplit(url)
    headers = {"User-Agent": "idm"}
    if "@" in parts.netloc:   # https://user:token@host/...: sent as Basic auth, never shown
        userinfo, host = parts.netloc.rsplit("@", 1)
        user, _, password = userinfo.partition(":")
        token = "%s:%s" % (urllib.parse.unquote(user), urllib.parse.unquote(password))
        headers["Authorization"] = "Basic " + base64.b64encode(token.encode()).decode()
        url = urllib.parse.urlunsplit(parts._replace(netloc=host))
    target = os.path.join(work, "download" + (".zip" if url.lower().split("?")[0]
                                              .endswith(".zip") else ".tar.gz"))
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                    timeout=DOWNLOAD_TIMEOUT) as response, \
                open(target, "wb") as out:
            total = 0
            while True:
                chunk = response.read(1 << 16)
                if not chunk:
                    break
                total += len(chunk)
                if total > archive.MAX_TOTAL_BYTES:
                    raise SourceError(said("source.too_large", url=strip_credentials(url),
                                           limit=archive.MAX_TOTAL_BYTES))
                out.write(chunk)
    except SourceError:
        raise
    except Exception as e:   # URLError, HTTPError, timeouts, TLS: one line
        raise SourceError(said("source.download_failed", url=strip_credentials(url),
                               error=redact(str(e))))
    return target


def _git_env() -> dict:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "SSH_ASKPASS": "true",
                "GCM_INTERACTIVE": "never", "LC_ALL": "C"})
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def _run_git(args: list, shown: str, cwd: Optional[str] = None) -> str:
    try:
        done = subprocess.run(["git", "-c", "advice.detachedHead=false"] + args, cwd=cwd,
                              env=_git_env(), stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=GIT_TIMEOUT)
    except FileNotFoundError:
        raise SourceError(said("source.no_git", source=shown))
    except subprocess.TimeoutExpired:
        raise SourceError(said("source.git_timeout", source=shown, seconds=GIT_TIMEOUT))
    if done.returncode != 0:
        lines = [ln for ln in redact(done.stderr).splitlines() if ln.strip()]
        fatal = [ln for ln in lines if ln.startswith(("fatal:", "error:"))]
        raise SourceError(said("source.git_failed", source=shown, command=args[0],
                               message=(fatal or lines)[0] if lines
                               else said("changes.git_exit", code=done.returncode)))
    return done.stdout.strip()


def _git(source: Source, dest: str, work: str) -> Fetched:
    url = source.raw[len("git+"):]
    shown = source.shown
    _run_git(["clone", "--quiet", "--no-checkout", "--", url, dest], shown)
    ref = source.ref or "HEAD"
    commit = None
    for candidate in ("refs/tags/%s" % ref, "refs/remotes/origin/%s" % ref, ref):
        try:
            commit = _run_git(["rev-parse", "--verify", "--quiet", candidate + "^{commit}"],
                              shown, cwd=dest)
            break
        except SourceError:
            continue
    if not commit:
        raise SourceError(said("source.no_ref", source=shown, ref=repr(ref)))
    _run_git(["checkout", "--quiet", "--detach", commit], shown, cwd=dest)
    shutil.rmtree(os.path.join(dest, ".git"))
    return Fetched(dest, commit)
