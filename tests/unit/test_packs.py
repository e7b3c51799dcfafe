"""Packs that travel (docs/packs.md): a pack in a git repository locked, fetched and gating a
portfolio without the network; a moved tag changes nothing until `idm packs update`; a changed
cache, a missing entry or a stale lock is exit 2 with the fixing command; the digest does not
depend on the source kind; hostile archives are refused; overrides are checked and reported."""
from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import tarfile
import zipfile

import pytest

from idm import cli
from idm.engine.pack import archive
from idm.engine.pack.digest import digest
from idm.engine.pack.sources import strip_credentials
from tests.cli_streams import captured

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACK = os.path.join(ROOT, "tests", "fixtures", "packs", "vng-demo")
EXAMPLES = os.path.join(ROOT, "examples")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def run(*args: str):
    with captured() as (out, err):
        code = cli.run(list(args))
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t",
                    "-c", "init.defaultBranch=main"] + list(args), cwd=str(cwd), check=True,
                   capture_output=True)


@pytest.fixture
def upstream(tmp_path):
    """A bare repository holding the demo pack, tagged v1.0.0, and a working copy of it."""
    work = tmp_path / "upstream"
    shutil.copytree(PACK, work)
    git(work, "init", "-q")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "v1.0.0")
    git(work, "tag", "v1.0.0")
    bare = tmp_path / "vng.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return work, bare


def project(tmp_path, name, bare, extra=""):
    folder = tmp_path / name
    (folder / "initiatives").mkdir(parents=True)
    for f in ("with-findings.yaml", "clean.yaml"):
        shutil.copy(os.path.join(EXAMPLES, f), folder / "initiatives" / f)
    (folder / ".idm.yaml").write_text(
        "paths: [initiatives]\npacks:\n  - source: git+file://%s\n    ref: v1.0.0\n%s"
        % (bare, extra), "utf-8")
    return folder


@pytest.fixture
def offline(monkeypatch):
    """No socket and no subprocess: what `idm check` must do without."""
    def refuse(*a, **k):
        raise AssertionError("the network or a subprocess was used")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)


def test_a_git_pack_is_locked_fetched_and_gates_offline(tmp_path, upstream, monkeypatch):
    _, bare = upstream
    folder = project(tmp_path, "gemeente", bare)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    code, out, err = run("check")
    assert code == 2 and "run `idm packs lock`" in err and len(_errors(err)) == 1
    code, out, err = run("packs", "lock")
    assert code == 0, err
    lock = (folder / "idm.lock").read_text("utf-8")
    assert "kind: PackLock" in lock and 'name: "vng-demo"' in lock and 'ref: "v1.0.0"' in lock
    assert "commit: " in lock and 'digest: "sha256:' in lock
    assert 'digest: "%s"' % digest(PACK) in lock   # git gives the folder's own digest
    code, out, err = run("packs", "list")
    assert code == 0 and "vng-demo" in out and "1.0.0" in out
    assert out.splitlines()[1].split()[-1] == "2"   # two rules
    with monkeypatch.context() as m:
        m.setattr(socket.socket, "connect", lambda *a: pytest.fail("network"))
        m.setattr(subprocess, "run", lambda *a, **k: pytest.fail("subprocess"))
        code, out, err = run("check", "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    rules = {f["rule"] for r in report["initiatives"] for f in r["findings"]}
    assert "LEG-004" in rules and not {"BUS-009"} & rules
    assert not any(r.startswith("TEC-") for r in rules)
    leg4 = [f for r in report["initiatives"] for f in r["findings"] if f["rule"] == "LEG-004"]
    assert {f["severity"] for f in leg4} == {"info"}   # the pack's replacement
    vng = [p for p in report["packs"] if p["name"] == "vng-demo"]
    assert vng == [{"name": "vng-demo", "version": "1.0.0", "source": "git+file://%s" % bare,
                    "ref": "v1.0.0", "commit": vng[0]["commit"], "digest": digest(PACK)}]
    assert len(vng[0]["commit"]) == 40


def test_a_moved_tag_changes_nothing_until_update(tmp_path, upstream, monkeypatch):
    work, bare = upstream
    folder = project(tmp_path, "gemeente", bare)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    assert run("packs", "lock")[0] == 0
    before = run("check", "--format", "json")
    # Upstream re-tags v1.0.0 on a commit where LEG-004 is an error.
    rules = work / "rules" / "gemeenten.yaml"
    rules.write_text(rules.read_text("utf-8").replace("severity: info", "severity: error"),
                     "utf-8")
    git(work, "commit", "-qam", "stricter")
    git(work, "tag", "-f", "v1.0.0")
    git(work, "push", "-q", "-f", str(bare), "HEAD:main", "v1.0.0")
    assert run("packs", "lock")[0] == 0   # a locked pack stays as locked
    assert run("check", "--format", "json")[1] == before[1]
    code, out, err = run("packs", "update")
    assert code == 0, err
    assert "~ LEG-004: severity info -> error" in out
    code, out, _ = run("check", "--format", "json")
    assert code == 1
    assert {f["severity"] for r in json.loads(out)["initiatives"] for f in r["findings"]
            if f["rule"] == "LEG-004"} == {"error"}


def test_a_changed_cache_and_a_missing_entry_are_exit_2_with_the_fix(tmp_path, upstream,
                                                                      monkeypatch):
    _, bare = upstream
    folder = project(tmp_path, "gemeente", bare)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    assert run("packs", "lock")[0] == 0
    locked = digest(PACK)
    entry = tmp_path / "cache" / "idm" / "packs" / locked.split(":")[1]
    target = entry / "rules" / "gemeenten.yaml"
    data = bytearray(target.read_bytes())
    data[-2] ^= 0x01   # one byte changed
    target.write_bytes(bytes(data))
    code, out, err = run("check")
    assert code == 2 and out == ""
    assert len(_errors(err)) == 1
    assert "vng-demo" in err and locked in err and digest(str(entry)) in err
    assert "idm packs fetch" in err
    assert run("packs", "fetch")[0] == 0   # restores the locked content
    assert run("check")[0] == 1
    shutil.rmtree(entry)
    code, _, err = run("check")
    assert code == 2 and "not in the cache" in err and "idm packs fetch" in err
    code, out, err = run("packs", "fetch")
    assert code == 0 and "fetched vng-demo" in out
    assert run("check")[0] == 1


def test_two_fresh_copies_with_the_same_lock_give_the_same_json(tmp_path, upstream,
                                                                monkeypatch):
    _, bare = upstream
    first = project(tmp_path, "one", bare)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-one"))
    monkeypatch.chdir(first)
    assert run("packs", "lock")[0] == 0
    one = run("check", "--format", "json", "--date", "2026-11-22")
    second = tmp_path / "two"
    shutil.copytree(first, second)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-two"))
    monkeypatch.chdir(second)
    assert run("packs", "fetch")[0] == 0
    two = run("check", "--format", "json", "--date", "2026-11-22")
    assert one == two and one[0] == 1


def test_a_lock_out_of_date_with_the_project_file_names_packs_lock(tmp_path, upstream,
                                                                   monkeypatch):
    _, bare = upstream
    folder = project(tmp_path, "gemeente", bare)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    assert run("packs", "lock")[0] == 0
    config = folder / ".idm.yaml"
    config.write_text(config.read_text("utf-8").replace("v1.0.0", "v2.0.0"), "utf-8")
    code, _, err = run("check")
    assert code == 2 and "out of date" in err and "idm packs lock" in err
    code, _, err = run("packs", "lock")
    assert code == 2 and "no tag, branch or commit 'v2.0.0'" in err


def test_the_digest_is_the_same_from_a_folder_a_tarball_and_a_zip(tmp_path):
    tgz = tmp_path / "pack-1.0.0.tar.gz"
    with tarfile.open(tgz, "w:gz") as t:
        t.add(PACK, arcname="vng-demo-1.0.0")
    zipped = tmp_path / "pack.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        for base, _, files in os.walk(PACK):
            for f in files:
                full = os.path.join(base, f)
                z.write(full, os.path.relpath(full, PACK))
    for source in (tgz, zipped):
        dest = tmp_path / ("x-" + source.name)
        dest.mkdir()
        archive.extract(str(source), str(dest))
        assert digest(str(dest)) == digest(PACK)


def test_an_archive_pack_by_path_is_locked_from_the_project_folder(tmp_path, monkeypatch):
    folder = tmp_path / "gemeente"
    (folder / "initiatives").mkdir(parents=True)
    shutil.copy(os.path.join(EXAMPLES, "clean.yaml"), folder / "initiatives")
    with tarfile.open(folder / "vng-1.0.0.tar.gz", "w:gz") as t:
        t.add(PACK, arcname="vng-1.0.0")
    (folder / ".idm.yaml").write_text(
        "paths: [initiatives]\npacks:\n  - source: vng-1.0.0.tar.gz\n", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    code, out, err = run("packs", "lock")
    assert code == 0, err
    assert 'source: "vng-1.0.0.tar.gz"' in (folder / "idm.lock").read_text("utf-8")
    assert run("check")[0] == 0


def _tar(tmp_path, name, add):
    path = tmp_path / name
    with tarfile.open(path, "w:gz") as t:
        add(t)
    return path


def _member(t, info, data=b""):
    info.size = len(data)
    t.addfile(info, io.BytesIO(data) if data else None)


@pytest.mark.parametrize("case, expected", [
    ("absolute", "an absolute path is refused"),
    ("dotdot", "a path with '..' is refused"),
    ("symlink", "a link is refused"),
    ("hardlink", "a link is refused"),
    ("fifo", "a device, FIFO or other special file is refused"),
    ("device", "a device, FIFO or other special file is refused"),
])
def test_hostile_tarballs_are_refused(tmp_path, case, expected):
    def add(t):
        _member(t, tarfile.TarInfo("pack.yaml"), b"kind: Pack\n")
        if case == "absolute":
            _member(t, tarfile.TarInfo("/tmp/evil.yaml"), b"x")
        elif case == "dotdot":
            _member(t, tarfile.TarInfo("rules/../../evil.yaml"), b"x")
        else:
            info = tarfile.TarInfo("rules/evil")
            info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
                         "fifo": tarfile.FIFOTYPE, "device": tarfile.CHRTYPE}[case]
            info.linkname = "/etc/passwd"
            _member(t, info)
    path = _tar(tmp_path, "evil.tar.gz", add)
    dest = tmp_path / "out"
    dest.mkdir()
    with pytest.raises(archive.ArchiveError) as e:
        archive.extract(str(path), str(dest))
    assert expected in str(e.value) and "evil.tar.gz" in str(e.value)
    assert not (tmp_path / "evil.yaml").exists() and not os.path.exists("/tmp/evil.yaml")


def test_archives_too_large_or_with_too_many_members_are_refused(tmp_path):
    many = _tar(tmp_path, "many.tar.gz", lambda t: [
        _member(t, tarfile.TarInfo("f%d.yaml" % i), b"x") for i in range(30)])
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("pack.yaml", b"\0" * 5000)
    limits = archive.Limits(members=10, total_bytes=1000)
    for path, words in ((many, "more than 10 members"), (big, "more than 1000 bytes")):
        dest = tmp_path / ("out-" + path.name)
        dest.mkdir()
        with pytest.raises(archive.ArchiveError, match=words):
            archive.extract(str(path), str(dest), limits=limits)


def test_a_zip_with_a_symlink_is_refused(tmp_path):
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("rules/link")
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/passwd")
    dest = tmp_path / "out"
    dest.mkdir()
    with pytest.raises(archive.ArchiveError, match="links and special files are refused"):
        archive.extract(str(path), str(dest))


def test_credentials_never_reach_the_lock_or_the_output():
    assert strip_credentials("https://user:s3cret@example.org/p.tar.gz") == \
        "https://example.org/p.tar.gz"
    assert strip_credentials("git+https://tok3n@example.org/p.git") == \
        "git+https://example.org/p.git"
    assert strip_credentials("git+ssh://git@example.org/p.git") == "git+ssh://git@example.org/p.git"
    assert strip_credentials("git+ssh://git:pw@example.org/p.git") == \
        "git+ssh://example.org/p.git"


def test_an_https_archive_is_fetched_with_its_credentials_kept_out(tmp_path, monkeypatch):
    """A local web server on the loopback interface stands in for a pack's download site."""
    import functools
    import http.server
    import threading
    site = tmp_path / "site"
    site.mkdir()
    with tarfile.open(site / "vng-1.0.0.tar.gz", "w:gz") as t:
        t.add(PACK, arcname="vng-1.0.0")
    seen = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("Authorization"))
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        folder = tmp_path / "gemeente"
        (folder / "initiatives").mkdir(parents=True)
        shutil.copy(os.path.join(EXAMPLES, "clean.yaml"), folder / "initiatives")
        url = "https://reader:s3cret@127.0.0.1:%d/vng-1.0.0.tar.gz" % server.server_port
        (folder / ".idm.yaml").write_text("paths: [initiatives]\npacks:\n  - source: %s\n"
                                          % url.replace("https", "http"), "utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        monkeypatch.chdir(folder)
        from idm.engine.pack import sources
        monkeypatch.setattr(sources.Source, "kind", property(
            lambda s: "url" if s.raw.startswith("http://") else "folder"))
        code, out, err = run("packs", "lock")
    finally:
        server.shutdown()
    assert code == 0, err
    assert seen and seen[0].startswith("Basic ")
    lock = (folder / "idm.lock").read_text("utf-8")
    assert "s3cret" not in lock and "reader" not in lock and "s3cret" not in out + err
    for base, _, files in os.walk(tmp_path / "cache"):
        for f in files:
            assert b"s3cret" not in open(os.path.join(base, f), "rb").read()


def test_the_documented_ci_setup_fetches_from_the_lock_before_the_gate():
    import yaml
    with open(os.path.join(ROOT, "docs", "ci", "github-packs.yml"), encoding="utf-8") as fh:
        steps = yaml.safe_load(fh)["jobs"]["idm"]["steps"]
    runs = [s.get("run", "") for s in steps]
    fetch = next(i for i, r in enumerate(runs) if r.startswith("idm packs fetch"))
    gate = next(i for i, r in enumerate(runs) if r.startswith("idm check"))
    assert fetch < gate
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    assert "hashFiles('idm.lock')" in cache["with"]["key"]
    with open(os.path.join(ROOT, "docs", "ci", "pre-commit-packs.yaml"), encoding="utf-8") as fh:
        hook = yaml.safe_load(fh)["repos"][0]["hooks"][0]
    import re
    assert all(re.search(hook["files"], f) for f in ("idm.lock", ".idm.yaml", "initiatives/a.yaml"))


def test_the_update_diff_names_each_changed_rule_and_data_snapshot(tmp_path):
    from idm.engine.pack.packs_command import rule_diff
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(PACK, old)
    shutil.copytree(PACK, new)
    data = ("apiVersion: idm/v1\nkind: ReferenceData\nname: lijst\nsnapshot: %s\n"
            "source: https://example.org\nitems: [{name: A}]\n")
    (old / "data.yaml").write_text(data % "2026-01-01", "utf-8")
    (new / "data.yaml").write_text(data % "2026-03-01", "utf-8")
    rules = new / "rules" / "gemeenten.yaml"
    text = rules.read_text("utf-8")
    text = text.replace("The initiative names no owner (owner.name).", "No owner.")
    text = text.replace("when: {predicate: personal_data}", "when: {not: {predicate: personal_data}}")
    text = text.replace("severity: info", "severity: warning")
    rules.write_text(text.replace("id: VNG-001", "id: VNG-009"), "utf-8")
    assert rule_diff(str(old), str(new)) == [
        "~ LEG-004: severity info -> warning; condition changed",
        "- VNG-001 (warning) Owner not named",
        "+ VNG-009 (warning) Owner not named",
        "data lijst: snapshot 2026-01-01 -> 2026-03-01"]
    assert rule_diff(str(old), str(old), "nl") == ["geen regel gewijzigd"]


def test_the_action_fills_the_pack_cache_from_a_lock_before_the_gate():
    import yaml
    with open(os.path.join(ROOT, "action.yml"), encoding="utf-8") as fh:
        steps = yaml.safe_load(fh)["runs"]["steps"]
    names = [s.get("name", "") for s in steps]
    cache = steps[names.index("Cache the locked packs")]
    assert "hashFiles('**/idm.lock')" in cache["with"]["key"]
    fetch = names.index("Fetch the locked packs")
    assert "idm packs fetch" in steps[fetch]["run"] and fetch < names.index("Run idm check")


def test_an_encrypted_or_damaged_archive_is_one_refusal(tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(b"\x1f\x8b\x08\x00" + b"not gzip at all")
    dest = tmp_path / "out"
    dest.mkdir()
    with pytest.raises(archive.ArchiveError, match="not a readable .tar.gz or .zip archive"):
        archive.extract(str(damaged), str(dest))


def _errors(err):
    """stderr's error lines: the line naming the project file in use comes first."""
    lines = err.splitlines()
    assert lines[0].startswith("idm: using project file ")
    return lines[1:]
