"""A Markdown report for a GitHub or GitLab pull-request comment or a job summary.

A summary first (the gate verdict, counts by severity and by domain, the blocking findings), then
the details in the order a reviewer needs them: input errors, findings by severity, portfolio
findings, the initiatives, domain coverage per initiative, and the waived findings folded away in
<details>.  A comment takes 65,536 characters, so the report stops adding rows and sections at
`ReportOptions.max_chars` (Unicode characters, as GitHub counts) and ends with one line saying
what was left out and where the full report is.  Finding tables are compact, with the message
second, so the one long column wraps instead of running off the right edge.  Only
GitHub/GitLab-flavoured tables and inline HTML that both render are used.
"""
from __future__ import annotations

import contextlib
import functools
import heapq
import io
import itertools
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, TextIO

from ..i18n import number
from ..model import DOMAINS, DomainCoverage, Finding, InitiativeResult, RunResult, Severity
from . import labels, mdtext
from .options import ReportOptions
from .states import domain_state

_SEVERITIES = sorted(Severity, reverse=True)
_ICONS = {Severity.error: "🔴", Severity.warning: "🟡", Severity.info: "🔵"}
# The domain states (states.py) as GitHub and GitLab show them; each its own symbol.
STATE_ICONS = {"missing_error": "🚫", "errors": "🔴", "missing_warning": "⭕",
               "warnings": "🟡", "waived": "🔷", "clean": "✅", "not_required": "➖",
               "not_assessed": "❔"}


class _Rows:
    """A table's rows in a temporary file that moves to disk past 1 MB, so a large run's rows
    are never all in memory: how many, how many characters with their line ends, and the rows
    again in order.  Each row is stored after its length, so no character in it is special."""

    def __init__(self, stack: contextlib.ExitStack):
        import tempfile

        self._file = stack.enter_context(tempfile.SpooledTemporaryFile(
            max_size=1 << 20, mode="w+", encoding="utf-8", newline="\n"))
        self.count = self.chars = 0

    def add(self, row: str) -> None:
        self._file.write("%d\n%s" % (len(row), row))
        self.count += 1
        self.chars += len(row) + 1

    def __iter__(self) -> Iterator[str]:
        f = self._file
        f.seek(0)
        for _ in range(self.count):
            yield f.read(int(f.readline()))


@dataclass
class _Block:
    """A part of the report: `head` lines kept together, table `rows` that may be cut from the
    end, then `tail` lines."""

    head: List[str]
    rows: Iterable[str] = ()
    count: int = 0          # the number of rows
    chars: int = 0          # their characters, a line end each
    tail: List[str] = field(default_factory=list)

    def size(self) -> int:
        return sum(len(line) + 1 for line in self.head + self.tail) + self.chars


def _table_block(head: List[str], rows: _Rows, tail: Optional[List[str]] = None) -> _Block:
    return _Block(head, rows, rows.count, rows.chars, [""] if tail is None else tail)


def _small_block(head: List[str], table: List[str], tail: Optional[List[str]] = None) -> _Block:
    """A block whose table (header, rows, closing blank line) is made in memory."""
    rows = table[2:-1]
    return _Block(head + table[:2], rows, len(rows), sum(len(r) + 1 for r in rows),
                  [""] if tail is None else tail)


class _Lines:
    """Writes lines as `"\\n".join(lines) + "\\n"` would, without the trailing blank lines, to
    `sink`; `written` counts the characters."""

    def __init__(self, sink: Callable[[str], Any]):
        self._sink, self._blank, self.written = sink, 0, 0

    def add(self, line: str) -> None:
        if not line:
            self._blank += 1
            return
        text = "\n" * self._blank + line + "\n"
        self._blank = 0
        self.written += len(text)
        self._sink(text)

    def drop_blank(self) -> None:
        self._blank = 0

    def close(self) -> None:
        if not self.written:
            self.written = 1
            self._sink("\n")


def render(result: RunResult, lang: str = "en", options: Optional[ReportOptions] = None) -> str:
    """Render `result` as a Markdown pull-request comment in `lang`, within
    `options.max_chars` characters (0: no limit)."""
    out = io.StringIO()
    write(result, out, lang, options)
    return out.getvalue()


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """Write the comment to `out`.  The tables' rows are made in three passes over the run (the
    initiatives' order; the findings in report order; the initiatives by id) into temporary
    files, so a large run's findings are never all in memory; then the blocks are written,
    or as many as fit."""
    labels.check_lang(lang)
    options = options or ReportOptions()
    limit = options.max_chars
    with contextlib.ExitStack() as stack:
        blocks = _blocks(result, lang, stack)

        def lines(block: _Block, rows: Optional[int] = None) -> Iterator[str]:
            yield from block.head
            yield from (block.rows if rows is None else itertools.islice(block.rows, rows))
            yield from block.tail

        if limit:
            # Whether the whole report fits: count it, stopping once it is over the limit.
            whole = _Lines(lambda text: None)
            for line in (line for b in blocks for line in lines(b)):
                whole.add(line)
                if whole.written > limit:
                    break
            whole.close()
        if not limit or whole.written <= limit:
            writer = _Lines(out.write)
            for block in blocks:
                for line in lines(block):
                    writer.add(line)
            writer.close()
            return

        # Room for the closing line, counted with every row and section left out.
        total_rows = sum(b.count for b in blocks)
        reserve = len(_left_out_line(total_rows, len(blocks), limit, options, lang)) + 2
        room = limit - reserve
        rows_out = sections_out = rows_through = 0
        writer = _Lines(out.write)
        for i, block in enumerate(blocks):
            rows_through += block.count
            if block.size() <= room:
                for line in lines(block):
                    writer.add(line)
                room -= block.size()
                continue
            # The first block that does not fit: as many of its rows as fit, then nothing more.
            keep, used = 0, block.size() - block.chars
            for row in block.rows:
                used += len(row) + 1
                if used > room:
                    break
                keep += 1
            if keep or (not block.count and i == 0):
                for line in lines(block, keep):
                    writer.add(line)
                rows_out += block.count - keep
            else:
                sections_out += 1
            sections_out += len(blocks) - i - 1
            rows_out += total_rows - rows_through
            break
        if rows_out or sections_out:
            writer.drop_blank()
            for line in ("", "---", "", _left_out_line(rows_out, sections_out, limit, options,
                                                         lang)):
                writer.add(line)
        writer.close()


def _left_out_line(rows: int, sections: int, limit: int, options: ReportOptions,
                   lang: str) -> str:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    what = []
    if rows:
        what.append(labels.plural("left_out_rows", rows, lang))
    if sections:
        what.append(labels.plural("left_out_sections", sections, lang))
    where = (", ".join(_code(f) for f in options.full_reports) if options.full_reports
             else L("full_report_rerun"))
    return "_%s %s_" % (L("left_out") % {"limit": number(limit, lang), "what": ", ".join(what)},
                        L("full_report") % where)


def _blocking(result: RunResult, finding: Finding) -> bool:
    """Whether `finding` fails the gate (RunResult.failing, for one finding)."""
    return (result.fail_on is not None and not finding.waived and not finding.baselined
            and finding.severity >= result.fail_on)


def _blocks(result: RunResult, lang: str, stack: contextlib.ExitStack) -> "_BlockList":
    """The report's blocks in order, their rows in temporary files held open by `stack`."""
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    inits = result.initiatives
    # Pass 1: the initiatives' places in report order and in the order of their ids.
    by_file, by_id = [], []
    for k, r in enumerate(inits):
        by_file.append((labels.relative_path(r.file), k))
        by_id.append((r.id, r.file, k))
    by_file.sort()
    by_id.sort()

    # Pass 2: the findings' rows, in report order.
    blocking, waived = _Rows(stack), _Rows(stack)
    others = {s: _Rows(stack) for s in _SEVERITIES}
    counts: Dict[str, Dict[Severity, int]] = {}
    active_in_initiatives = waived_count = 0
    tagged = heapq.merge(
        ((f, False) for f in labels.ordered_findings(result, [k for _, k in by_file],
                                                      portfolio=False)),
        ((f, True) for f in sorted(result.portfolio_findings, key=labels.finding_order)),
        key=lambda pair: labels.finding_order(pair[0]))
    for f, of_portfolio in tagged:
        if f.waived:
            waived_count += 1
            if f.waiver:
                waived.add(_waived_row(f, lang))
            continue
        counts.setdefault(f.domain, dict.fromkeys(_SEVERITIES, 0))[f.severity] += 1
        fails = _blocking(result, f)
        if fails:
            blocking.add(_finding_row(f, lang))
        if not of_portfolio:
            active_in_initiatives += 1
            if not fails:
                others[f.severity].add(_finding_row(f, lang))

    # Pass 3: the initiatives by id, a table row and a coverage section each.
    initiative_rows, coverage = _Rows(stack), _Rows(stack)
    for _, _, k in by_id:
        r = inits[k]
        initiative_rows.add(_initiative_row(r, lang))
        coverage.add("\n".join(_coverage(r, lang)))

    blocks = [_Block(_headline(result, lang))]
    if counts:
        header = [L("domain")] + [L(labels.SEVERITY_HEADINGS[s]) for s in _SEVERITIES]
        rank = {d: i for i, d in enumerate(DOMAINS)}
        rows = [[_cell(labels.domain_name(d, lang))] + [number(counts[d][s], lang) for s in _SEVERITIES]
                for d in sorted(counts, key=lambda d: (rank.get(d, len(rank)), d))]
        blocks.append(_small_block(["### " + L("by_domain"), ""],
                                   _table(header, rows, align=[""] + ["-:"] * len(_SEVERITIES))))
    if blocking.count:
        blocks.append(_table_block(["### %s (%s)" % (L("blocking"), number(blocking.count, lang)), ""]
                                   + _finding_header(lang), blocking))

    if result.overrides:   # the project's decisions on single rules (.idm.yaml overrides)
        from ..i18n import catalogue
        blocks.append(_Block(["### " + catalogue(lang)("packs.overrides"), ""]
                             + ["- %s: %s" % (_code(rid), _cell(text))
                                for rid, text in labels.override_lines(result, lang)] + [""]))
    if result.errors:
        table = _table([L("location"), L("path"), L("message")],
                       [[_code(labels.position(p.file, p.line, p.column)), _code(p.path),
                         _cell(p.text(lang))]
                        for p in sorted(result.errors, key=labels.problem_order)])
        blocks.append(_small_block(["### ⚠️ %s (%s)" % (L("input_errors"),
                                                        number(len(result.errors), lang)),
                                    ""], table))

    # The blocking findings are in the summary already; the details show the others.
    other_count = sum(rows.count for rows in others.values())
    # The section heading goes with its first table, never alone at the end of a cut report.
    title = ["### " + L("other_findings" if other_count < active_in_initiatives else "findings"),
             ""]
    if not active_in_initiatives:
        blocks.append(_Block(title + [L("no_findings"), ""]))
    for severity in _SEVERITIES:
        rows = others[severity]
        if rows.count:
            heading = L(labels.SEVERITY_HEADINGS[severity])
            blocks.append(_table_block(title + ["#### %s %s (%s)" % (
                _ICONS[severity], heading, number(rows.count, lang)), ""]
                + _finding_header(lang), rows))
            title = []

    portfolio = sorted(result.portfolio_findings, key=labels.finding_order)
    if portfolio:
        table = _table([L("rule"), L("message"), L("severity"), L("path")],
                       [[_rule_cell(f, lang), _cell(labels.text(f.message, lang)),
                         _severity_cell(f, lang), _code(f.path)] for f in portfolio])
        blocks.append(_small_block(["### " + L("portfolio_findings"), ""], table))

    tail: List[_Block] = []
    if waived_count:
        # A blank line after <summary> is what makes GitHub render the table inside <details>.
        tail.append(_table_block(
            ["<details>", "<summary>%s (%s)</summary>" % (L("waived_findings"),
                                                             number(waived_count, lang)),
             ""] + _table([L("rule"), L("justification"), L("initiative"), L("path"),
                           L("location"), L("approved_by"), L("expires")], [])[:2],
            waived, ["", "</details>", ""]))
    if not inits:
        return _BlockList(blocks + tail, None, [])
    blocks.append(_table_block(["### " + L("initiatives"), ""] + _initiative_header(lang),
                               initiative_rows))
    return _BlockList(blocks, coverage, tail, ["### " + L("coverage"), ""])


class _BlockList:
    """The blocks: those made in memory, one per initiative's coverage (made from its temporary
    file when reached), then the rest."""

    def __init__(self, before: List[_Block], coverage: Optional[_Rows], after: List[_Block],
                 title: Sequence[str] = ()):
        self._before, self._coverage, self._after = before, coverage, after
        self._title = list(title)
        self._n = coverage.count if coverage is not None else 0

    def __len__(self) -> int:
        return len(self._before) + self._n + len(self._after)

    def __iter__(self) -> Iterator[_Block]:
        yield from self._before
        if self._coverage is not None:
            title = self._title
            for section in self._coverage:
                yield _Block(title + section.split("\n"))
                title = []
        yield from self._after


def escape_cell(value: Optional[str]) -> str:
    """Make `value` safe inside a table cell or running text (mdtext.inline): inert Markdown,
    line breaks as <br>."""
    return mdtext.inline(value)


_cell = escape_cell
_code = mdtext.code


def _headline(result: RunResult, lang: str) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    code = result.exit_code()
    if code == 0:
        icon, verdict = "✅", L("gate_passed")
    elif code == 1:
        icon, verdict = "❌", L("gate_failed")
    else:
        icon, verdict = "⚠️", L("gate_error") if result.errors else L("gate_empty")
    fail_on = result.fail_on.name if result.fail_on is not None else L("fail_on_never")
    return [
        "## %s idm — %s: %s" % (icon, L("gate"), verdict),
        "",
        "**%s** %s (%s: `%s`) · %s: %s · idm %s" % (
            number(result.failing_count(), lang), L("failing"), L("fail_on"), fail_on,
            L("evaluation_date"), _cell(result.date), _cell(result.tool_version)),
        "",
        labels.total(result.summary(), lang),
        "",
    ] + ([labels.since_last_line(result, lang) or "", ""] if result.since_last else [])


def _initiative_header(lang: str) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    header = [L("initiative"), L("title"), L("phase")]
    header += [L(labels.SEVERITY_HEADINGS[s]) for s in _SEVERITIES] + [L("waived"), L("coverage")]
    return _table(header, [], align=["", "", ""] + ["-:"] * (len(_SEVERITIES) + 1) + [""])[:2]


def _initiative_row(r: InitiativeResult, lang: str) -> str:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    row = [_code(r.id), _cell(r.title),
           _cell(labels.enum("phase", r.phase, lang) if r.phase else L("phase_missing"))]
    for severity in _SEVERITIES:
        row.append(str(sum(1 for f in r.findings if not f.waived and f.severity == severity)))
    row.append(str(sum(1 for f in r.findings if f.waived)))
    required = [c for c in r.coverage.values() if c.required]
    covered = sum(1 for c in required if c.covered)
    icon = "✅" if covered == len(required) else "❌"
    row.append("%s %d/%d" % (icon, covered, len(required)) if required else "")
    return _row(row)


def _coverage(initiative: InitiativeResult, lang: str) -> List[str]:
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    out = ["#### %s — %s" % (_code(initiative.id), _cell(initiative.title)), ""]
    if not initiative.coverage:
        return out + ["–", ""]
    rows = []
    for cov in _ordered(initiative.coverage.values()):
        state = domain_state(initiative, cov.domain)
        status = "%s %s" % (STATE_ICONS[state], L("state." + state))
        rows.append([_cell(labels.domain_name(cov.domain, lang)), status,
                     L("required") if cov.required else L("not_required"),
                     ", ".join(_code(m) for m in cov.missing)])
    return out + _table([L("domain"), L("state"), L("required_column"), L("missing")], rows)


def _ordered(coverage: Iterable[DomainCoverage]) -> List[DomainCoverage]:
    # The IDM's own domain order reads better than alphabetical; unknown domains go last.
    rank = {d: i for i, d in enumerate(DOMAINS)}
    return sorted(coverage, key=lambda c: (rank.get(c.domain, len(rank)), c.domain))


def _finding_header(lang: str) -> List[str]:
    """Rule, message, then where (initiative, field path, file position) in one cell: the
    message is the only long free text, so it sits second and wraps."""
    L = functools.partial(labels.label, lang=lang)  # noqa: N806
    return _table([L("rule"), L("message"), L("where")], [])[:2]


def _finding_row(f: Finding, lang: str) -> str:
    owner = f.initiative or labels.label("portfolio", lang)
    where = " ".join(c for c in (_code(owner), _code(f.path)) if c)
    position = labels.position(f.file, f.line, f.column)
    if position:
        where += "<br>" + _code(position)
    return _row([_rule_cell(f, lang), _cell(labels.text(f.message, lang)), where])


def _waived_row(f: Finding, lang: str) -> str:
    waiver = f.waiver
    assert waiver is not None
    return _row([_rule_cell(f, lang), _cell(waiver.justification),
                 _code(f.initiative or labels.label("portfolio", lang)), _code(f.path),
                 _code(labels.position(f.file, f.line, f.column)), _cell(waiver.approved_by),
                 _cell(waiver.expires)])


def _rule_cell(finding: Finding, lang: str) -> str:
    cell = "**%s**" % _cell(finding.rule)
    if finding.baselined:
        cell += " _(%s)_" % labels.label("baselined", lang)
    return cell


def _severity_cell(finding: Finding, lang: str) -> str:
    return "%s %s" % (_ICONS[finding.severity], labels.label(finding.severity.name, lang))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]],
           align: Optional[Sequence[str]] = None) -> List[str]:
    align = align or [""] * len(header)
    rule = ["---" + a[1:] if a.startswith("-") else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
    lines += [_row(row) for row in rows]
    return lines + [""]


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
