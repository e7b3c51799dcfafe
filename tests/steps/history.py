"""Steps of the history scenarios: a store of each kind, edits between reviews, output with the
recording times masked (they are the one thing a run cannot repeat)."""
from __future__ import annotations

import re

from pytest_bdd import given, parsers, then

from .world import World

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@given(parsers.parse("the history store is {kind}"))
def history_store(request, workdir, monkeypatch, kind: str) -> None:
    monkeypatch.delenv("IDM_DB_URL", raising=False)
    if kind == "postgresql":
        url = request.getfixturevalue("postgres_server").new_database()
        monkeypatch.setenv("IDM_DB_URL", url)
    else:
        assert kind == "sqlite", kind   # the default: .idm/history.sqlite in the working dir


@given(parsers.parse('in "{name}" "{old}" is replaced by "{new}"'))
def replace_text(workdir, name: str, old: str, new: str) -> None:
    path = workdir / name
    text = path.read_text("utf-8")
    assert old in text, "%s does not contain %r" % (name, old)
    path.write_text(text.replace(old, new), "utf-8")


@given(parsers.parse('in "{name}" the line "{line}" is removed'))
def remove_line(workdir, name: str, line: str) -> None:
    path = workdir / name
    lines = path.read_text("utf-8").splitlines(keepends=True)
    kept = [x for x in lines if x.strip() != line]
    assert len(kept) == len(lines) - 1, "%s has no line %r" % (name, line)
    path.write_text("".join(kept), "utf-8")


@given(parsers.parse('in "{name}" the line "{line}" is added after "{anchor}"'))
def add_line(workdir, name: str, line: str, anchor: str) -> None:
    """The new line is indented as the anchor's content (after a list dash, if any)."""
    path = workdir / name
    out = []
    for x in path.read_text("utf-8").splitlines(keepends=True):
        out.append(x)
        if x.strip() == anchor:
            indent = len(x) - len(x.lstrip()) + (2 if anchor.startswith("- ") else 0)
            out.append(" " * indent + line + "\n")
    assert len(out) == len(path.read_text("utf-8").splitlines()) + 1, "no line %r" % anchor
    path.write_text("".join(out), "utf-8")


@given(parsers.parse('the file "{name}" is removed'))
def remove_file(workdir, name: str) -> None:
    (workdir / name).unlink()


@then("stdout is exactly, with recording times as YYYY-MM-DDTHH:MM:SSZ:")
def stdout_masked(world: World, docstring: str) -> None:
    shown = TIME.sub("YYYY-MM-DDTHH:MM:SSZ", world.stdout)
    assert shown == docstring + "\n", shown


def _trend_rows(html: str) -> dict:
    """The trend table of a dashboard: row id -> the text of its cells."""
    import html5lib
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    table = doc.find(".//table[@id='trend']")
    assert table is not None, "the dashboard has no history section"
    out = {}
    for tr in table.iter("tr"):
        if tr.get("data-id"):
            out[tr.get("data-id")] = [" ".join("".join(td.itertext()).split())
                                      for td in tr.findall("td")]
    return out


@then(parsers.parse('the dashboard "{name}" shows for {ident} the reviews "{counts}" and '
                    '"{since}"'))
def dashboard_trend(workdir, name: str, ident: str, counts: str, since: str) -> None:
    rows = _trend_rows((workdir / name).read_text("utf-8"))
    assert ident in rows, sorted(rows)
    assert rows[ident] == counts.split() + [since], rows[ident]


@then(parsers.parse('the dashboard "{name}" shows the portfolio reviews "{counts}"'))
def dashboard_portfolio(workdir, name: str, counts: str) -> None:
    rows = _trend_rows((workdir / name).read_text("utf-8"))
    assert rows["portfolio"] == counts.split() + [""], rows["portfolio"]


@given(parsers.parse('an SQLite database "{name}" of another program'))
def foreign_sqlite(workdir, name: str) -> None:
    import sqlite3
    conn = sqlite3.connect(str(workdir / name))
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('kept as it was')")
    conn.commit()
    conn.close()


@then(parsers.parse('the SQLite database "{name}" has only the table "{table}", not in WAL mode'))
def foreign_sqlite_unchanged(workdir, name: str, table: str) -> None:
    import sqlite3
    conn = sqlite3.connect("file:%s?mode=ro" % (workdir / name), uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()
    assert (tables, mode) == ([table], "delete"), (tables, mode)


@then(parsers.parse('no line of stdout starts with "{prefix}"'))
def no_line_starts(world: World, prefix: str) -> None:
    assert not [x for x in world.stdout.splitlines() if x.startswith(prefix)], world.stdout


@then(parsers.parse('no file in "{folder}" holds the bytes of "{text}"'))
def no_file_holds(workdir, folder: str, text: str) -> None:
    """A store and its side files (-wal, -shm, -journal) read as bytes: erased text is gone."""
    where = workdir / folder
    for name in sorted(p.name for p in where.iterdir()):
        assert text.encode("utf-8") not in (where / name).read_bytes(), name
