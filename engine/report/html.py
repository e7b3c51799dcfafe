"""Self-contained HTML reports for an architecture board: the initiative report (idm check
--format html), the portfolio dashboard (idm report) and the review dossier (idm dossier).

Each is one file with inline CSS, inline SVG and (dashboard only) a small inline script; nothing
is fetched when the page is viewed.  The only URLs in a page are the links of rule references.
Every word on a page comes from engine.i18n or from the rule pack in the page's language.

A page is built in two passes over the run's initiatives, which a large run reads back from
disk: the first makes a small overview row per initiative (states, counts, blocking findings,
what the dashboard sums up), the second renders each initiative's details as the page is
written, so a portfolio of thousands is never held whole.  Initiatives are told apart by their
position in the run, never by object identity (results read back from disk are new objects).

jinja2 is imported only when a page is rendered, so a text run never loads it.
"""
from __future__ import annotations

import functools
import io
import os
import re
from collections import Counter
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, TextIO, Tuple

from ..errors import escape_bidi
from ..i18n import catalogue, cut_more, decimal, money, others_more
from ..model import (CATEGORIES, DOMAINS, Finding, InitiativeResult, RunResult, Severity,
                     bounded)
from . import declared, labels, obligations
from .gravity import gravity
from .ring import layout as ring_layout
from .options import ReportOptions
from .exception_status import CANNOT_WAIVE, exception_status, exceptions_of
from .states import ICONS, STATES, TONE, domain_state, initiative_status, states_of

# The IDM ring from the outside in; principles are the binding frame around it.
RING = ("legacy", "results", "stakeholders", "direction", "design", "operations")
SEVERITY_ICONS = {Severity.error: "\u2715", Severity.warning: "!", Severity.info: "i"}
STATUS_ICONS = {"errors": "\u2715", "warnings": "!", "clean": "\u2713"}
PHASES = ("initiation", "foundation", "improvement", "continuous-improvement")
LEVELS = ("initiation", "basis", "development", "integration", "transformation")
EXCEPTION_ICONS = {"expired": "\u2715", "soon": "!", "valid": "\u2713"}
BLOCKING_SHOWN = 5   # rules of blocking findings listed per initiative on the first screen
ATTENTION_SHOWN = 20     # initiatives in the attention list; the overview lists every one
OWNERS_SHOWN = 20        # owners in the summary by owner
SAYS_SHOWN = 12          # lines of what an initiative states for one domain (its seven W's)
PORTFOLIO_PER_RULE = 10  # portfolio findings of one rule listed on a page; the rest counted
# --details auto: every initiative's details up to DETAILS_ALL initiatives, those with errors up
# to DETAILS_ERRORS, none above (the overview, attention list and summaries stay complete).
DETAILS_ALL, DETAILS_ERRORS = 100, 500
DETAILS = ("auto", "all", "errors", "none")
# Above this many initiatives the overview shows its first MATRIX_SHOWN rows (the most trouble
# first) until the reader searches, filters or asks for all; every row is in the page.
MATRIX_SHOWN = 500
# Printed (docs/board-pages.md): the overview, then the initiatives whose "Print" box is ticked
# (ticked from the start up to DETAILS_ALL initiatives, none above).  Above DETAILS_ALL, the
# overview prints its first MATRIX_PRINTED rows until the reader searches or filters, the
# register its first REGISTER_PRINTED exceptions (the earliest expiry first), and the tables that
# list every initiative their totals (report.css, @media print).  An initiative prints at most
# PRINTED_FINDINGS findings, the gravest; the page says how many more it has.
MATRIX_PRINTED = 50
REGISTER_PRINTED = 20
PRINTED_FINDINGS = 25
_SEVERITIES = sorted(Severity, reverse=True)
_STATUS_RANK = {"errors": 0, "warnings": 1, "clean": 2}
_DOMAIN_RANK = {d: i for i, d in enumerate(DOMAINS)}
# The three kinds of initiative of the first tiles: fails the gate, needs a look, in order.
KINDS = ("blocking", "warnings_only", "in_order")


def details_mode(requested: str, initiatives: int) -> str:
    """all, errors or none: what --details asks, `auto` chosen by the size of the run."""
    if requested != "auto":
        return requested
    if initiatives <= DETAILS_ALL:
        return "all"
    return "errors" if initiatives <= DETAILS_ERRORS else "none"


# --- the data a page shows ------------------------------------------------------------------

def domain_count(initiative: InitiativeResult, domain: str) -> int:
    """Unwaived errors and warnings of rules of `domain`: what a segment, cell and row count (an
    info finding never makes a domain in order read as if something were wrong)."""
    return sum(1 for f in initiative.findings
               if f.domain == domain and not f.waived and f.severity >= Severity.warning)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


_get = obligations.get_path   # one walker for the report's views of a document


def texts(values: Any, key: Optional[str] = None) -> List[str]:
    out = []
    for v in values if isinstance(values, list) else []:
        if key is not None:
            v = _get(v, key)
        if v is not None and str(v).strip():
            out.append(str(v).strip())
    return out


def _num(value: Any) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


class _Cell:
    """One domain of one initiative in the overview: its state and count.  Its words are looked
    up when the page is written, so the rows of a portfolio of thousands stay small."""

    __slots__ = ("_lang", "key", "state", "count", "_row")

    def __init__(self, lang: str, key: str, state: str, count: int, row_anchor: str):
        self._lang, self.key, self.state, self.count, self._row = (lang, key, state, count,
                                                                   row_anchor)

    @property
    def name(self) -> str:
        return labels.domain_name(self.key, self._lang)

    @property
    def icon(self) -> str:
        return ICONS[self.state]

    @property
    def tone(self) -> str:
        return TONE[self.state]

    @property
    def state_label(self) -> str:
        return labels.label("state." + self.state, self._lang)

    @property
    def anchor(self) -> str:
        return "%s-%s" % (self._row, self.key)


class _Reason:
    """The blocking findings of one rule in one initiative as the attention list shows them
    ("LEG-006 × 4"), their words looked up when written."""

    __slots__ = ("_page", "rule", "_severity", "_domain", "_row", "count")

    def __init__(self, page: "Page", findings: List[Finding], row_anchor: str):
        first = findings[0]
        self._page, self.rule, self._severity, self._row = (page, first.rule, first.severity,
                                                             row_anchor)
        self._domain = min((f.domain for f in findings),
                           key=lambda d: (_DOMAIN_RANK.get(d, 99), d))
        self.count = len(findings)

    @property
    def severity(self) -> str:
        return self._severity.name

    @property
    def icon(self) -> str:
        return SEVERITY_ICONS[self._severity]

    @property
    def severity_label(self) -> str:
        return self._page.L(self._severity.name)

    @property
    def title(self) -> str:
        rule = self._page.result.rules.get(self.rule)
        return labels.text(rule.title, self._page.lang) if rule else self.rule

    @property
    def domain(self) -> str:
        return labels.domain_name(self._domain, self._page.lang)

    @property
    def anchor(self) -> str:
        if self._row.startswith("row-"):    # no details on the page: the overview's row
            return self._row
        return "%s-%s" % (self._row, self._domain)


def _by_rule(findings: List[Finding]) -> List[List[Finding]]:
    """Findings grouped by rule, the gravest rule first."""
    groups: Dict[str, List[Finding]] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    return sorted(groups.values(), key=lambda fs: gravity(max(f.severity for f in fs),
                                                          fs[0].category, fs[0].rule))


class Page:
    """Builds the view of a RunResult in one language for the templates."""

    def __init__(self, result: RunResult, lang: str, details: str = "auto") -> None:
        self.result = result
        self.lang = labels.check_lang(lang)
        self.L = labels.Words(lang)
        self.anchors: List[str] = []
        self.linked: List[bool] = []     # whether an initiative's details are on the page
        self._bases: Dict[str, int] = {}
        self.gate_on = result.fail_on or Severity.error
        self.details_mode = details_mode(details, len(result.initiatives))
        # what the summaries by rule and by owner count, filled by pass 1
        self.rule_tally: Dict[str, List[Any]] = {}
        self.owner_tally: Dict[str, Counter] = {}

    def target(self, index: int) -> str:
        """Where a link to initiative `index` goes: its details, else its overview row."""
        return self.anchors[index] if self.linked[index] else "row-" + self.anchors[index]

    def num(self, value: int) -> str:
        """A count with the thousands separator of the page's language."""
        return catalogue(self.lang).grouped(value)

    def _anchor(self, r: InitiativeResult) -> str:
        base = "ini-" + _slug(r.id)
        n = self._bases.get(base, 0)
        self._bases[base] = n + 1
        return base if n == 0 else "%s-%d" % (base, n + 1)

    # small helpers the templates use
    def enum(self, prefix: str, value: Any) -> str:
        if value is None or value == "":
            return self.L("not_stated")
        return labels.enum(prefix, value, self.lang)

    def phase(self, value: Any) -> str:
        return self.enum("phase", value) if value else self.L("phase.none")

    def date(self, value: Any) -> str:
        return labels.long_date(value, self.lang)

    def legend(self, rows: List[dict]) -> List[dict]:
        """The states for the legend; "not assessed" only when a domain of `rows` has it (a
        pack without coverage rules), so the usual legend stays as it was."""
        shown = {c.state for row in rows for c in row["domains"].values()}
        return [self.state(s) for s in STATES if s != "not_assessed" or s in shown]

    def state(self, key: str) -> dict:
        return {"key": key, "icon": ICONS[key], "tone": TONE[key],
                "label": self.L("state." + key)}

    def exception_row(self, e: Mapping[str, Any], status: str, used: bool) -> Dict[str, Any]:
        """What the register of the report and the dossier show of one exception (status from
        engine/report/exception_status.py)."""
        if status in CANNOT_WAIVE:      # the register's words for what EXC-001, 003, 004 found
            label = catalogue(self.lang)("register." + status)
            label = label[:1].upper() + label[1:]
        else:
            label = self.L("exception." + status) if status != "unknown" else self.L("not_stated")
        return {"rule": str(e.get("rule") or ""),
                "justification": str(e.get("justification") or ""),
                "approved_by": str(e.get("approved_by") or ""), "status": status,
                "status_label": label, "used": self.L("yes") if used else self.L("no")}

    def domain(self, domain: str, initiative: Optional[InitiativeResult] = None,
               anchor: str = "") -> dict:
        d = {"key": domain, "name": labels.domain_name(domain, self.lang),
             "short": labels.domain_short(domain, self.lang),
             "w": catalogue(self.lang).get("report.w." + domain, "")}
        if initiative is not None:
            state = domain_state(initiative, domain)
            cov = initiative.coverage.get(domain)
            d.update(state=state, icon=ICONS[state], tone=TONE[state],
                     state_label=self.L("state." + state),
                     count=domain_count(initiative, domain),
                     waived=sum(1 for f in initiative.findings
                                if f.domain == domain and f.waived),
                     required=bool(cov and cov.required),
                     missing=list(cov.missing) if cov else [],
                     anchor="%s-%s" % (anchor, domain))
        return d

    def finding(self, f: Finding) -> dict:
        rule = self.result.rules.get(f.rule)
        refs = [{"title": ref.title, "url": ref.url if ref.url and
                 re.match(r"https?://", ref.url) else None,
                 "lang": ref.lang if ref.lang and ref.lang != self.lang else None}
                for ref in (rule.references if rule else ())]
        out = {"rule": f.rule, "title": labels.text(rule.title, self.lang) if rule else "",
               "severity": f.severity.name, "severity_label": self.L(f.severity.name),
               "icon": SEVERITY_ICONS[f.severity], "domain": f.domain,
               "domain_name": labels.domain_name(f.domain, self.lang),
               "category": self.enum("category", f.category),
               "message": labels.text(f.message, self.lang), "path": f.path,
               "location": labels.position(f.file, f.line), "initiative": f.initiative,
               "rationale": labels.text(rule.rationale, self.lang) if rule else "",
               "remediation": labels.text(rule.remediation, self.lang) if rule else "",
               "references": refs, "waiver": None, "baselined": f.baselined}
        if f.waiver is not None:
            out["waiver"] = {"justification": f.waiver.justification,
                             "approved_by": f.waiver.approved_by,
                             "expires": self.date(f.waiver.expires),
                             "status": exception_status(f.waiver.expires, self.result.date)}
        return out

    def blocking(self, r: InitiativeResult) -> List[Finding]:
        """The findings that fail the gate, most severe first; when none fails it, the
        unwaived warnings and errors (what the board should still look at)."""
        active = [f for f in r.findings if not f.waived and f.severity >= Severity.warning]
        failing = [f for f in active if not f.baselined and f.severity >= self.gate_on]
        return sorted(failing or active, key=lambda f: (-f.severity, labels.finding_order(f)))

    # pass 1: one small row per initiative --------------------------------------------------
    def overview(self, index: int, r: InitiativeResult) -> dict:
        anchor = self._anchor(r)
        self.anchors.append(anchor)
        status = initiative_status(r)
        counts = {s.name: 0 for s in _SEVERITIES}
        waived = 0
        for f in r.findings:
            if f.waived:
                waived += 1
            else:
                counts[f.severity.name] += 1
        counts["waived"] = waived
        linked = (self.details_mode == "all"
                  or (self.details_mode == "errors" and status == "errors"))
        self.linked.append(linked)
        blocking = self.blocking(r)
        groups = _by_rule(blocking)
        to = anchor if linked else "row-" + anchor
        lines = [_Reason(self, fs, to) for fs in groups[:BLOCKING_SHOWN]]
        counted = [labels.plural("count." + k, counts[k], self.lang)
                   for k in ("error", "warning") if counts[k]]
        failing = any(not f.waived and not f.baselined and f.severity >= self.gate_on
                      for f in r.findings)
        kind = "blocking" if failing else "in_order" if status == "clean" else "warnings_only"
        self._tally(r, kind)
        return {"index": index, "id": r.id, "title": r.title, "anchor": anchor,
                "target": to, "linked": linked, "kind": kind,
                "gravity": gravity(groups[0][0].severity, groups[0][0].category,
                                   groups[0][0].rule) if groups else (0, 0, ""),
                "counted": counted,
                "phase_key": r.phase or "none", "phase": self.phase(r.phase),
                "status": status, "status_icon": STATUS_ICONS[status],
                "status_label": self.L("status." + status), "counts": counts,
                "severities": sorted({f.severity.name for f in r.findings if not f.waived}),
                "domains": {d: _Cell(self.lang, d, state, domain_count(r, d), anchor)
                            for d, state in states_of(r, DOMAINS).items()},
                "blocking": lines, "more": max(0, len(groups) - BLOCKING_SHOWN)}

    def _tally(self, r: InitiativeResult, kind: str) -> None:
        """Count `r` into the summaries by rule (unwaived errors and warnings) and by owner."""
        seen = set()
        for f in r.findings:
            if f.waived or f.severity < Severity.warning:
                continue
            t = self.rule_tally.setdefault(f.rule, [0, 0, f.severity, f.category])
            t[1] += 1
            t[2] = max(t[2], f.severity)
            if f.rule not in seen:
                seen.add(f.rule)
                t[0] += 1
        owner = str(_get(r.data, "owner", "name") or "").strip()
        self.owner_tally.setdefault(owner, Counter())[kind] += 1

    def rule_summary(self) -> List[dict]:
        """Rules with unwaived errors or warnings, the gravest first."""
        out = []
        for rid, (n, count, sev, cat) in sorted(self.rule_tally.items(),
                                                key=lambda kv: gravity(kv[1][2], kv[1][3],
                                                                       kv[0])):
            rule = self.result.rules.get(rid)
            out.append({"rule": rid, "title": labels.text(rule.title, self.lang) if rule else "",
                        "severity": sev.name, "icon": SEVERITY_ICONS[sev],
                        "severity_label": self.L(sev.name), "initiatives": self.num(n),
                        "findings": self.num(count)})
        return out

    def owner_summary(self) -> Tuple[List[dict], int]:
        """Owners with their initiatives by kind, most blocking first; (shown, left out)."""
        ranked = sorted(self.owner_tally.items(),
                        key=lambda kv: (-kv[1]["blocking"], -kv[1]["warnings_only"],
                                        kv[0] == "", kv[0]))
        rows = [{"owner": owner or self.L("not_stated"),
                 **{k: self.num(c[k]) for k in KINDS}, "total": self.num(sum(c.values()))}
                for owner, c in ranked[:OWNERS_SHOWN]]
        return rows, max(0, len(ranked) - OWNERS_SHOWN)

    def rows(self) -> List[dict]:
        """Pass 1 over the run: overview rows in the run's order."""
        rows = [self.overview(i, r) for i, r in enumerate(self.result.initiatives)]
        for row in rows:
            row["problem_domains"] = sorted(d for d, v in row["domains"].items()
                                            if v.tone in ("error", "warning"))
        return rows

    @staticmethod
    def by_gravity(rows: List[dict]) -> List[dict]:
        """The attention list's order: blocking first, then the gravest rule, then the most
        errors and warnings, then the run's order."""
        return sorted(rows, key=lambda r: (KINDS.index(r["kind"]), r["gravity"][:2],
                                           _STATUS_RANK[r["status"]], -r["counts"]["error"],
                                           -r["counts"]["warning"], r["index"]))

    @staticmethod
    def by_trouble(rows: List[dict]) -> List[dict]:
        """Most trouble first: errors, then warnings, then clean; more errors first."""
        return sorted(rows, key=lambda r: (_STATUS_RANK[r["status"]], -r["counts"]["error"],
                                           -r["counts"]["warning"], r["index"]))

    # pass 2: one initiative in full ---------------------------------------------------------
    def initiative(self, r: InitiativeResult, anchor: str) -> dict:
        data = r.data
        domains = {d: self.domain(d, r, anchor) for d in DOMAINS}
        # AI systems and records in the design sector, channels and procurements in operations
        for dom, lines in obligations.placed(data, self.lang).items():
            domains[dom] = dict(domains[dom], placed=lines)
        active = sorted((f for f in r.findings if not f.waived), key=labels.finding_order)
        # printed: the PRINTED_FINDINGS gravest unwaived findings, then waived ones
        printed = {id(f) for f in sorted(active, key=lambda f: (-f.severity,
                                                                labels.finding_order(f)))
                   [:PRINTED_FINDINGS]}
        rank = {d: i for i, d in enumerate(DOMAINS)}
        groups = []
        for dom in sorted({f.domain for f in active}, key=lambda d: (rank.get(d, 99), d)):
            sev_groups = []
            for sev in _SEVERITIES:
                items = [dict(self.finding(f), beyond_print=id(f) not in printed)
                         for f in active if f.domain == dom and f.severity == sev]
                if items:
                    sev_groups.append({"severity": sev.name, "icon": SEVERITY_ICONS[sev],
                                       "heading": self.L(labels.SEVERITY_HEADINGS[sev]),
                                       "findings": items})
            groups.append({"domain": domains.get(dom) or self.domain(dom), "groups": sev_groups})
        room = max(0, PRINTED_FINDINGS - len(active))
        waived = [dict(self.finding(f), beyond_print=i >= room) for i, f in
                  enumerate(f for f in sorted(r.findings, key=labels.finding_order) if f.waived)]
        left_out = max(0, len(active) - PRINTED_FINDINGS) + max(0, len(waived) - room)
        current = _get(data, "maturity", "current") or {}
        target = _get(data, "maturity", "target") or {}
        maturity = [{"theme": self.theme(t), "current": self.enum("level", current.get(t)),
                     "target": self.enum("level", target.get(t))}
                    for t in sorted(set(current) | set(target))]
        counts = {s.name: sum(1 for f in active if f.severity == s) for s in _SEVERITIES}
        budget = _get(data, "budget") or {}
        status = initiative_status(r)
        return {
            "id": r.id, "title": r.title, "anchor": anchor, "file": labels.relative_path(r.file),
            "owner": " \u2013 ".join(texts([_get(data, "owner", "name"),
                                             _get(data, "owner", "role")])),
            "phase_key": r.phase or "none", "phase": self.phase(r.phase),
            "status": status, "status_icon": STATUS_ICONS[status],
            "status_label": self.L("status." + status),
            "chain": self.enum("chain", _get(data, "chain")),
            "decision_key": _get(data, "direction", "portfolio", "decision") or "",
            "decision": self.enum("decision", _get(data, "direction", "portfolio", "decision")),
            "one_off": money(budget.get("one_off"), self.lang) or self.L("not_stated"),
            "recurring": (money(budget.get("recurring_per_year"), self.lang)
                          or self.L("not_stated")),
            "domains": domains, "ring": self.ring(r, domains, anchor),
            "ring_domains": [domains[d] for d in RING] + [domains["principles"],
                                                           domains["cadence"]],
            "ws": [dict(domains[d], says=self.short(self.says(d, data))) for d in
                   ("legacy", "results", "stakeholders", "direction", "design", "operations",
                    "principles", "cadence")],
            "declared": declared.sections(self.result.declared_fields, data, self.lang,
                                          self.L("not_stated")),
            "groups": groups, "waived": waived, "maturity": maturity, "counts": counts,
            "print_left_out": left_out,
            "print_note": self.L("print_left_out") % {"shown": self.num(PRINTED_FINDINGS),
                                                      "n": self.num(left_out)},
            "severities": sorted({f.severity.name for f in active}),
            "problem_domains": sorted(d for d, v in domains.items()
                                      if v["tone"] in ("error", "warning")),
        }

    def details(self) -> Iterator[dict]:
        """Pass 2 over the run: each initiative in full, made as the page is written; only
        those --details keeps."""
        for i, r in enumerate(self.result.initiatives):
            if self.linked[i]:
                yield self.initiative(r, self.anchors[i])

    def theme(self, key: str) -> str:
        return labels.enum("theme", key, self.lang, fallback=str(key).replace("_", " "))

    def short(self, lines: List[str]) -> List[str]:
        """At most SAYS_SHOWN lines of at most QUOTE_LIMIT characters each, the rest counted:
        an initiative that writes pages of text still prints on a page or two."""
        out = []
        for line in lines[:SAYS_SHOWN]:
            cut = bounded(line)
            out.append(cut if isinstance(cut, str) else cut.text + cut_more(cut.more, self.lang))
        if len(lines) > SAYS_SHOWN:
            out.append(others_more(len(lines) - SAYS_SHOWN, self.lang))
        return out

    def says(self, domain: str, data: Mapping[str, Any]) -> List[str]:
        """What the initiative states for a domain, as short lines; [] when it says nothing."""
        g = functools.partial(_get, data)
        if domain == "legacy":
            return texts([g("legacy", "impact")]) + texts(g("legacy", "contributes_to"))
        if domain == "results":
            return (texts(g("results", "outputs"), "description")
                    + texts(g("results", "outcomes"), "description"))
        if domain == "stakeholders":
            return texts(g("stakeholders"), "name")
        if domain == "direction":
            return texts(g("direction", "goals"), "description")
        if domain == "design":
            out = texts([g("design", "governance", "accountable")])
            return out + texts(g("design", "processes")) + \
                obligations.placed(data, self.lang).get("design", [])
        if domain == "operations":
            return (texts(g("operations", "business_functions"))
                    + texts(g("operations", "applications"), "name")
                    + obligations.placed(data, self.lang).get("operations", []))
        if domain == "principles":
            return texts(g("principles", "legislation")) + texts(g("principles", "standards"))
        if domain == "cadence":
            review = g("cadence", "review")
            out = [self.enum("review", review)] if review else []
            return out + [labels.enum("review", v, self.lang, fallback=v)
                          for v in texts([g("cadence", "evaluation")])]
        return []

    def ring(self, r: InitiativeResult, domains: Mapping[str, dict], anchor: str) -> dict:
        """Geometry of the IDM ring (engine/report/ring.py)."""
        return ring_layout(domains, anchor)

    # the whole run ------------------------------------------------------------------------
    def common(self) -> dict:
        result = self.result
        rows = self.rows()
        code = result.exit_code()
        if code == 0:
            verdict = self.L("gate_passed")
        elif code == 1:
            verdict = self.L("gate_failed")
        else:
            verdict = self.L("gate_error") if result.errors else self.L("gate_empty")
        summary = result.summary()
        kinds = Counter(r["kind"] for r in rows)
        tiles = [{"key": k, "value": self.num(kinds[k]), "label": self.L("tile." + k),
                  "tone": ("error" if kinds[k] else "ok") if k == "blocking" else
                  ("warning" if kinds[k] else "ok") if k == "warnings_only" else "ok"}
                 for k in KINDS]
        for s in _SEVERITIES:
            tiles.append({"key": s.name, "value": self.num(summary["by_severity"][s.name]),
                          "tone": {"error": "error", "warning": "warning"}.get(s.name, "neutral"),
                          "label": self.L(labels.SEVERITY_HEADINGS[s])})
        tiles.append({"key": "waived", "value": self.num(summary["waived"]), "tone": "neutral",
                      "label": self.L("waived")})
        if result.errors:
            tiles.append({"key": "input_errors", "value": self.num(summary["errors"]),
                          "tone": "error",
                          "label": self.L("input_errors")})
        trouble = [r for r in self.by_gravity(rows) if r["status"] != "clean"]
        owners, owners_more = self.owner_summary()
        # one initiative: its attention entry says it all; the summaries are for a portfolio
        by_rule = self.rule_summary() if len(rows) > 1 else []
        if len(rows) <= 1:
            owners = []
        portfolio, portfolio_more = _capped(self.finding(f) for f in
                                            sorted(result.portfolio_findings,
                                                   key=labels.finding_order))
        return {
            "lang": self.lang, "L": self.L, "W": catalogue(self.lang), "num": self.num,
            "date": self.date(result.date), "initiative_count": self.num(len(rows)),
            "version": result.tool_version,
            "verdict": verdict, "gate_class": ("passed", "failed", "error")[min(code, 2)],
            "failing": result.failing_count(), "tiles": tiles,
            "total": labels.total(result.summary(), self.lang),
            "since_last": labels.since_last_line(result, self.lang),
            "rows": rows, "trouble": trouble[:ATTENTION_SHOWN],
            "trouble_more": max(0, len(trouble) - ATTENTION_SHOWN),
            "sorted_rows": self.by_trouble(rows),
            "states": self.legend(rows),
            "rule_summary": by_rule, "owner_summary": owners,
            "owners_more": owners_more,
            "portfolio": portfolio, "portfolio_more": portfolio_more,
            "details_mode": self.details_mode,
            # above DETAILS_ALL initiatives the browser lays out what is below the first page
            # only when it is scrolled to (content-visibility), so the page opens in seconds
            "large": len(rows) > DETAILS_ALL,
            "capped": len(rows) > MATRIX_SHOWN, "matrix_shown": MATRIX_SHOWN,
            # printed: every initiative in full is ticked "Print" on a small page, none on a
            # large one; a large overview prints its first MATRIX_PRINTED rows unless filtered
            "print_picked": len(rows) <= DETAILS_ALL,
            "matrix_printed": MATRIX_PRINTED if len(rows) > DETAILS_ALL else 0,
            "details_left_out": self.linked.count(False),
            "details_shown": self.linked.count(True),
            "errors": [{"location": labels.position(p.file, p.line, p.column), "path": p.path,
                        "message": p.text(self.lang)}
                       for p in sorted(result.errors, key=labels.problem_order)],
            "overrides": [{"rule": rid, "text": text}
                          for rid, text in labels.override_lines(result, self.lang)],
            "overrides_title": catalogue(self.lang)("packs.overrides"),
            "domains": [self.domain(d) for d in DOMAINS],
            "severities": [{"key": s.name, "label": self.L(s.name),
                            "heading": self.L(labels.SEVERITY_HEADINGS[s]),
                            "short": labels.short_label(labels.SEVERITY_HEADINGS[s], self.lang),
                            "icon": SEVERITY_ICONS[s]} for s in _SEVERITIES],
            "details": self.details(),
            "phase_options": [{"key": p, "label": self.phase(None if p == "none" else p)}
                              for p in PHASES + ("none",)
                              if p != "none" or any(r["phase_key"] == "none" for r in rows)],
        }

    def dashboard(self) -> dict:
        ctx = self.common()
        result, rows = self.result, ctx["rows"]
        # What the dashboard sums up, from one more pass that keeps only numbers and short texts.
        cat_counts: Counter = Counter()
        attached, register, budget_rows = [], [], []
        ai_rows: List[Dict[str, str]] = []
        channel_rows: List[Dict[str, str]] = []
        themes: Dict[str, List[Tuple[str, Optional[int], Optional[int]]]] = {}
        tot = {"one_off": 0, "recurring": 0, "a_one_off": 0, "a_recurring": 0}
        idx = lambda v: LEVELS.index(v) + 1 if v in LEVELS else None  # noqa: E731
        per_rule: Counter = Counter(f["rule"] for f in ctx["portfolio"])
        for rule, n in ctx["portfolio_more"]:
            per_rule[rule] += n
        for i, r in enumerate(result.initiatives):
            anchor = self.target(i)
            for f in r.findings:
                cat_counts[(f.category, "waived" if f.waived else f.severity.name)] += 1
            for f in sorted(r.findings, key=labels.finding_order):
                if f.category == "portfolio" and not f.waived:
                    per_rule[f.rule] += 1
                    if per_rule[f.rule] <= PORTFOLIO_PER_RULE:
                        attached.append(dict(self.finding(f), anchor=anchor))
            for _, e, status, used in exceptions_of(r, result.date):
                expires = str(e.get("expires") or "")
                register.append(dict(
                    self.exception_row(e, status, used), initiative=r.id, anchor=anchor,
                    expires=expires, expires_text=self.date(expires) if expires else "\u2013",
                    icon=EXCEPTION_ICONS.get(status, "\u2715" if status in CANNOT_WAIVE
                                             else "?")))
            b = _get(r.data, "budget") or {}
            one, rec = b.get("one_off"), b.get("recurring_per_year")
            decision = _get(r.data, "direction", "portfolio", "decision") or ""
            tot["one_off"] += _num(one)
            tot["recurring"] += _num(rec)
            if decision == "approved":
                tot["a_one_off"] += _num(one)
                tot["a_recurring"] += _num(rec)
            budget_rows.append({"id": r.id, "anchor": anchor, "title": r.title,
                                "decision": self.enum("decision", decision or None),
                                "decision_key": decision,
                                "one_off": money(one, self.lang) or "\u2013",
                                "recurring": money(rec, self.lang) or "\u2013"})
            cur = _get(r.data, "maturity", "current") or {}
            tgt = _get(r.data, "maturity", "target") or {}
            for t in set(cur) | set(tgt):
                themes.setdefault(t, []).append((r.id, idx(cur.get(t)), idx(tgt.get(t))))
            # format v1.1: the AI register and the channels of the portfolio, taken from each
            # document while it is read (a list of all documents would hold the portfolio)
            listed = [(r.id, anchor, r.data)]
            ai_rows += obligations.ai_register(listed, self.lang)
            channel_rows += obligations.channels(listed, self.lang)
        ctx["portfolio_all"] = [dict(f, anchor=None) for f in ctx["portfolio"]] + attached
        ctx["portfolio_all_more"] = [(rule, n - PORTFOLIO_PER_RULE)
                                     for rule, n in sorted(per_rule.items())
                                     if n > PORTFOLIO_PER_RULE]
        for f in result.portfolio_findings:
            cat_counts[(f.category, "waived" if f.waived else f.severity.name)] += 1
        cats = list(CATEGORIES) + sorted({c for c, _ in cat_counts} - set(CATEGORIES))
        count_rows = []
        for c in cats:
            row = {"category": self.enum("category", c), "key": c}
            for s in _SEVERITIES:
                row[s.name] = cat_counts[(c, s.name)]
            row["waived"] = cat_counts[(c, "waived")]
            row["total"] = sum(row[s.name] for s in _SEVERITIES)
            count_rows.append(row)
        ctx["count_rows"] = count_rows
        ctx["count_total"] = {k: sum(r[k] for r in count_rows)
                              for k in [s.name for s in _SEVERITIES] + ["waived", "total"]}
        register.sort(key=lambda e: (e["expires"] == "", e["expires"], e["initiative"],
                                     e["rule"]))
        ctx["register"] = register
        ctx["register_printed"] = REGISTER_PRINTED if (ctx["large"] and
                                                       len(register) > REGISTER_PRINTED) else 0
        ctx["decision_rows"] = self.decision_rows()
        phases = Counter(r["phase_key"] for r in rows)
        n = max(len(rows), 1)
        ctx["phases"] = [{"key": p, "label": self.phase(None if p == "none" else p),
                          "count": phases.get(p, 0), "pct": round(100.0 * phases.get(p, 0) / n)}
                         for p in PHASES + ("none",)
                         if p != "none" or phases.get("none")]
        ctx["budget_rows"] = budget_rows
        ctx["budget_total"] = {k: money(v, self.lang) for k, v in tot.items()}
        mat = []
        for t in sorted(themes):
            entries = themes[t]
            avg = lambda xs: (sum(xs) / len(xs)) if xs else None  # noqa: E731
            c = avg([e[1] for e in entries if e[1] is not None])
            g = avg([e[2] for e in entries if e[2] is not None])
            mat.append({"key": t, "theme": self.theme(t), "n": len(entries),
                        "current": self._level(c), "target": self._level(g),
                        "current_pct": round(100 * (c or 0) / len(LEVELS)),
                        "target_pct": round(100 * (g or 0) / len(LEVELS)),
                        "items": [{"id": e[0], "current": self._level(e[1]),
                                   "target": self._level(e[2])} for e in sorted(entries)]})
        ctx["maturity_themes"] = mat
        ctx["ai_register"], ctx["channel_rows"] = ai_rows, channel_rows
        return ctx

    def decision_rows(self) -> List[Dict[str, Any]]:
        """The register of the board's decisions (engine/report/decision_register.py), for a run
        that judged decisions; empty otherwise (the dashboard then has no such section)."""
        from .decision_register import register as decision_register, shown_row
        anchors = {r.id: self.anchors[i] for i, r in enumerate(self.result.initiatives)} \
            if self.result.decisions else {}
        return [dict(shown_row(d, self.lang), state_key=d.state,
                     due_text=self.date(d.due) if d.due else "\u2013",
                     anchor=anchors.get(d.initiative, ""))
                for d in decision_register(self.result)]

    def _level(self, value: Optional[float]) -> str:
        if value is None:
            return self.L("level_unknown")
        name = self.enum("level", LEVELS[int(round(value)) - 1])
        if float(value).is_integer():
            return name
        shown = decimal(value, self.lang, 1)
        return "%s (%s)" % (name, shown)


def _capped(findings: Iterator[dict]) -> Tuple[List[dict], List[Tuple[str, int]]]:
    """At most PORTFOLIO_PER_RULE findings of each rule, and how many of each rule were left
    out: a portfolio of thousands has thousands of pair findings of one rule."""
    shown, per_rule = [], Counter()
    for f in findings:
        per_rule[f["rule"]] += 1
        if per_rule[f["rule"]] <= PORTFOLIO_PER_RULE:
            shown.append(f)
    return shown, [(rule, n - PORTFOLIO_PER_RULE) for rule, n in sorted(per_rule.items())
                   if n > PORTFOLIO_PER_RULE]


@functools.lru_cache(maxsize=1)
def environment():
    import jinja2
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(here), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, finalize=_visible_bidi)
    env.filters["code_spans"] = code_spans
    env.filters["breaks"] = breaks
    env.filters["css_string"] = css_string
    return env


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def css_string(text: Any) -> str:
    """`text` as the inside of a CSS string: every character but ASCII letters and digits as a
    six-digit escape, so no input can close the string or the rule (a space too: CSS takes a
    space after an escape as part of it)."""
    return "".join(c if c.isascii() and c.isalnum() else "\\%06x" % ord(c) for c in str(text))


def breaks(text: Any) -> Any:
    """A short label with its soft hyphens (U+00AD, where the catalogue allows a break) as
    <wbr>: the word may break there in a narrow column, and no soft hyphen ends up in text
    copied from the page or from a printed PDF."""
    import markupsafe
    escaped = markupsafe.escape(escape_bidi(str(text)))
    return markupsafe.Markup(str(escaped).replace("\u00ad", "<wbr>"))


def code_spans(text: Any) -> Any:
    """A rule text with its `quoted` values as <code>: what a user types in the file (a field's
    value such as `done`) reads as such, not as a word of the page's language."""
    import markupsafe
    escaped = markupsafe.escape(escape_bidi(str(text)))
    if "`" not in escaped:
        return escaped
    return markupsafe.Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escaped)))


def _visible_bidi(value: Any) -> Any:
    """Every value a template prints, with bidirectional controls shown as \\uNNNN: a title with
    U+202E must not reverse what the board reads (docs/security.md).  Markup (a macro's output)
    stays Markup: the controls are never part of HTML syntax."""
    if isinstance(value, str):
        shown = escape_bidi(value)
        if shown != value:
            return type(value)(shown) if hasattr(value, "__html__") else shown
    return value


def _stream(template: str, context: Mapping[str, Any], out: TextIO) -> None:
    for chunk in environment().get_template(template).generate(context):
        out.write(chunk)


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """The initiative report (idm check --format html), written as it is made: one initiative's
    details at a time, so a large run never holds all of them or the whole page."""
    details = options.details if options is not None else "auto"
    _stream("report.html.j2", Page(result, lang, details).common(), out)


def render(result: RunResult, lang: str = "en",
           options: Optional[ReportOptions] = None) -> str:
    out = io.StringIO()
    write(result, out, lang, options)
    return out.getvalue()


def write_portfolio(result: RunResult, out: TextIO, lang: str = "en", history: Any = None,
                    details: str = "auto") -> None:
    """The portfolio dashboard of a run (idm report), written as it is made; `history`
    (engine.history.views.Dashboard) adds trends, a since-last-review column and the exceptions
    over time; `details` as --details (all, errors, none; auto: by the size of the run)."""
    page = Page(result, lang, details)
    ctx = page.dashboard()
    ctx["history"] = _history(history, result, page.L, lang) if history is not None else None
    _stream("portfolio.html.j2", ctx, out)


def render_portfolio(result: RunResult, lang: str = "en", history: Any = None,
                     details: str = "auto") -> str:
    out = io.StringIO()
    write_portfolio(result, out, lang, history, details)
    return out.getvalue()


def _history(h: Any, result: RunResult, L: Callable[[str], str], lang: str) -> dict:
    """The dashboard's history section, formatted (no database access here)."""
    titles = {r.id: r.title for r in result.initiatives}
    reviews = ["#%d %s" % (r.id, r.evaluation_date) for r in h.runs] + [L("review_now")]

    def since(ident: str) -> str:
        if h.since_last.run is None and h.trends[ident][-1] is not None:
            return "\u2013"
        s = h.since.get(ident)
        if s == "missing" or h.trends[ident][-1] is None:
            return L("not_in_review")
        return L("new_since_review") if s is None else L("since_review_counts") % {
            "new": s[0], "resolved": s[1]}

    return {
        "reviews": reviews,
        "portfolio": h.portfolio,
        "summary": labels.since_last_line(result, lang) if result.since_last else None,
        "earlier": h.since_last.run is not None,
        "rows": [{"id": i, "title": titles.get(i, ""), "trend": t, "since": since(i)}
                 for i, t in sorted(h.trends.items())],
        "register": [{"initiative": e.initiative, "rule": e.rule, "approved_by": e.approved_by,
                      "expires": e.expires, "first_seen": e.first_seen,
                      "current": e.current, "soon": e.current and e.soon,
                      "expired": e.expires < result.date}
                     for e in h.register],
    }
