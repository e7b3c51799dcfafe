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
