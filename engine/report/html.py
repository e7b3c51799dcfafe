"""Self-contained HTML reports for an architecture board: the initiative report and the portfolio
dashboard.

Both are one file with inline CSS, inline SVG and (dashboard only) a small inline script; nothing
is fetched when the page is viewed.  The only URLs in a page are the links of rule references.
Every word on a page comes from labels.py or from the rule pack in the page's language.

jinja2 is imported only when a page is rendered, so a text run never loads it.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
import os
import re
from collections import Counter
from typing import Any, Callable, Dict, List, Mapping, Optional, TextIO, Tuple

from ..i18n import REPORT, decimal, money
from ..model import CATEGORIES, DOMAINS, Finding, InitiativeResult, RunResult, Severity
from . import labels
from .options import ReportOptions

# The IDM ring from the outside in; principles are the binding frame around it.
RING = ("legacy", "results", "stakeholders", "direction", "design", "operations")
STATES = ("clean", "warnings", "errors", "not_covered")
ICONS = {"clean": "\u2713", "warnings": "!", "errors": "\u2715", "not_covered": "\u25cb"}
SEVERITY_ICONS = {Severity.error: "\u2715", Severity.warning: "!", Severity.info: "i"}
PHASES = ("initiation", "foundation", "improvement", "continuous-improvement")
LEVELS = ("initiation", "basis", "development", "integration", "transformation")
SOON_DAYS = 90
_SEVERITIES = sorted(Severity, reverse=True)


# --- the data a page shows ------------------------------------------------------------------

def domain_state(initiative: InitiativeResult, domain: str) -> str:
    """not_covered when the phase requires the domain and it is not covered; otherwise errors,
    warnings or clean from the unwaived findings of rules of that domain."""
    cov = initiative.coverage.get(domain)
    if cov is not None and cov.required and not cov.covered:
        return "not_covered"
    severities = {f.severity for f in initiative.findings if f.domain == domain and not f.waived}
    if Severity.error in severities:
        return "errors"
    if Severity.warning in severities:
        return "warnings"
    return "clean"


def domain_count(initiative: InitiativeResult, domain: str) -> int:
    """Unwaived findings of rules of `domain`."""
    return sum(1 for f in initiative.findings if f.domain == domain and not f.waived)


def exception_status(expires: str, date: str) -> str:
    """expired (strictly before the evaluation date), soon (within 90 days), valid or unknown."""
    try:
        when = _dt.date.fromisoformat(str(expires))
        today = _dt.date.fromisoformat(date)
    except ValueError:
        return "unknown"
    if when < today:
        return "expired"
    if when <= today + _dt.timedelta(days=SOON_DAYS):
        return "soon"
    return "valid"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _get(data: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(p)
    return data


def _texts(values: Any, key: Optional[str] = None) -> List[str]:
    out = []
    for v in values if isinstance(values, list) else []:
        if key is not None:
            v = _get(v, key)
        if v is not None and str(v).strip():
            out.append(str(v).strip())
    return out


class _Page:
    """Builds the view of a RunResult in one language for the templates."""

    def __init__(self, result: RunResult, lang: str) -> None:
        self.result = result
        self.lang = labels.check_lang(lang)
        self.L = functools.partial(labels.label, lang=lang)
        # By place in the report: a large run reads each initiative back from disk as it is
        # iterated (a new object every time), so nothing may be keyed by the object.
        anchors: Dict[str, int] = {}
        self.anchors: List[str] = []
        self.toc: List[Dict[str, str]] = []
        for r in result.initiatives:
            base = "ini-" + _slug(r.id)
            n = anchors.get(base, 0)
            anchors[base] = n + 1
            self.anchors.append(base if n == 0 else "%s-%d" % (base, n + 1))
            self.toc.append({"id": r.id, "title": r.title, "anchor": self.anchors[-1]})

    # small helpers the templates use
    def enum(self, prefix: str, value: Any) -> str:
        if value is None or value == "":
            return self.L("not_stated")
        return REPORT[self.lang].get("%s.%s" % (prefix, value), str(value))

    def phase(self, value: Any) -> str:
        return self.enum("phase", value) if value else self.L("phase.none")

    def domain(self, domain: str, initiative: Optional[InitiativeResult] = None,
               anchor: str = "") -> dict:
        d = {"key": domain, "name": labels.domain_name(domain, self.lang),
             "w": REPORT[self.lang].get("w." + domain, "")}
        if initiative is not None:
            state = domain_state(initiative, domain)
            cov = initiative.coverage.get(domain)
            d.update(state=state, icon=ICONS[state], state_label=self.L("state." + state),
                     count=domain_count(initiative, domain),
                     required=bool(cov and cov.required),
                     missing=list(cov.missing) if cov else [],
                     anchor="%s-%s" % (anchor, domain))
        return d

    def finding(self, f: Finding) -> dict:
        rule = self.result.rules.get(f.rule)
        refs = [{"title": ref.title, "url": ref.url if ref.url and
                 re.match(r"https?://", ref.url) else None}
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
               "references": refs, "waiver": None}
        if f.waiver is not None:
            out["waiver"] = {"justification": f.waiver.justification,
                             "approved_by": f.waiver.approved_by, "expires": f.waiver.expires,
                             "status": exception_status(f.waiver.expires, self.result.date)}
        return out

    # one initiative
    def initiative(self, r: InitiativeResult, anchor: str) -> dict:
        data = r.data
        domains = {d: self.domain(d, r, anchor) for d in DOMAINS}
        active = sorted((f for f in r.findings if not f.waived), key=labels.finding_order)
        rank = {d: i for i, d in enumerate(DOMAINS)}
        groups = []
        for dom in sorted({f.domain for f in active}, key=lambda d: (rank.get(d, 99), d)):
            sev_groups = []
            for sev in _SEVERITIES:
                items = [self.finding(f) for f in active if f.domain == dom and f.severity == sev]
                if items:
                    sev_groups.append({"severity": sev.name, "icon": SEVERITY_ICONS[sev],
                                       "heading": self.L(labels.SEVERITY_HEADINGS[sev]),
                                       "findings": items})
            groups.append({"domain": domains.get(dom) or self.domain(dom), "groups": sev_groups})
        waived = [self.finding(f) for f in sorted(r.findings, key=labels.finding_order)
                  if f.waived]
        current = _get(data, "maturity", "current") or {}
        target = _get(data, "maturity", "target") or {}
        maturity = [{"theme": t, "current": self.enum("level", current.get(t)),
                     "target": self.enum("level", target.get(t))}
                    for t in sorted(set(current) | set(target))]
        counts = {s.name: sum(1 for f in active if f.severity == s) for s in _SEVERITIES}
        budget = _get(data, "budget") or {}
        return {
            "id": r.id, "title": r.title, "anchor": anchor, "file": labels.relative_path(r.file),
            "owner": " \u2013 ".join(_texts([_get(data, "owner", "name"),
                                             _get(data, "owner", "role")])),
            "phase_key": r.phase or "none", "phase": self.phase(r.phase),
            "chain": self.enum("chain", _get(data, "chain")),
            "decision_key": _get(data, "direction", "portfolio", "decision") or "",
            "decision": self.enum("decision", _get(data, "direction", "portfolio", "decision")),
            "one_off": money(budget.get("one_off"), self.lang) or self.L("not_stated"),
            "recurring": (money(budget.get("recurring_per_year"), self.lang)
                          or self.L("not_stated")),
            "domains": domains, "ring": self.ring(r, domains, anchor),
            "ring_domains": [domains[d] for d in RING] + [domains["principles"],
                                                           domains["cadence"]],
            "ws": [dict(domains[d], says=self.says(d, data)) for d in
                   ("legacy", "results", "stakeholders", "direction", "design", "operations",
                    "principles", "cadence")],
            "groups": groups, "waived": waived, "maturity": maturity, "counts": counts,
            "severities": sorted({f.severity.name for f in active}),
            "problem_domains": sorted(d for d, v in domains.items() if v["state"] != "clean"),
        }

    def says(self, domain: str, data: Mapping[str, Any]) -> List[str]:
        """What the initiative states for a domain, as short lines; [] when it says nothing."""
        g = functools.partial(_get, data)
        if domain == "legacy":
            return _texts([g("legacy", "impact")]) + _texts(g("legacy", "contributes_to"))
        if domain == "results":
            return (_texts(g("results", "outputs"), "description")
                    + _texts(g("results", "outcomes"), "description"))
        if domain == "stakeholders":
            return _texts(g("stakeholders"), "name")
        if domain == "direction":
            return _texts(g("direction", "goals"), "description")
        if domain == "design":
            out = _texts([g("design", "governance", "accountable")])
            return out + _texts(g("design", "processes"))
        if domain == "operations":
            return (_texts(g("operations", "business_functions"))
                    + _texts(g("operations", "applications"), "name"))
        if domain == "principles":
            return _texts(g("principles", "legislation")) + _texts(g("principles", "standards"))
        if domain == "cadence":
            review = g("cadence", "review")
            out = [self.enum("review", review)] if review else []
            return out + _texts([g("cadence", "evaluation")])
        return []

    def ring(self, r: InitiativeResult, domains: Mapping[str, dict], anchor: str) -> dict:
        """Geometry of the IDM ring: a frame (principles), three rings (legacy, results,
        stakeholders) and a core of three sectors (direction, design, operations)."""
        cx, cy = 300.0, 320.0
        radii = {"legacy": (202, 246), "results": (158, 202), "stakeholders": (114, 158)}
        segs = []
        for dom, (r0, r1) in radii.items():
            d = domains[dom]
            path = ("M{a},{cy} A{r1},{r1} 0 1,0 {b},{cy} A{r1},{r1} 0 1,0 {a},{cy} Z "
                    "M{c},{cy} A{r0},{r0} 0 1,0 {e},{cy} A{r0},{r0} 0 1,0 {c},{cy} Z").format(
                a=cx - r1, b=cx + r1, c=cx - r0, e=cx + r0, cy=cy, r0=r0, r1=r1)
            mid = (r0 + r1) / 2.0
            segs.append(dict(d, path=path, kind="ring", arc_outer=self._arc(cx, cy, mid + 3),
                             arc_inner=self._arc(cx, cy, mid - 14),
                             arc_id_outer="%s-arc-%s-o" % (anchor, dom),
                             arc_id_inner="%s-arc-%s-i" % (anchor, dom)))
        for dom, angle in (("direction", -90), ("design", 30), ("operations", 150)):
            d = domains[dom]
            a0, a1 = math.radians(angle - 60), math.radians(angle + 60)
            rr = 114
            path = "M{cx},{cy} L{x0:.1f},{y0:.1f} A{r},{r} 0 0,1 {x1:.1f},{y1:.1f} Z".format(
                cx=cx, cy=cy, r=rr, x0=cx + rr * math.cos(a0), y0=cy + rr * math.sin(a0),
                x1=cx + rr * math.cos(a1), y1=cy + rr * math.sin(a1))
            a = math.radians(angle)
            tr = 58 if angle < 0 else 64
            segs.append(dict(d, path=path, kind="sector", tx=round(cx + tr * math.cos(a), 1),
                             ty=round(cy + tr * math.sin(a), 1)))
        frame = ("M8,8 H592 V632 H8 Z M52,52 V588 H548 V52 Z")
        return {"segments": segs, "frame": dict(domains["principles"], path=frame),
                "cadence": domains["cadence"], "title_id": anchor + "-ring-title",
                "desc_id": anchor + "-ring-desc"}

    @staticmethod
    def _arc(cx: float, cy: float, r: float) -> str:
        # The upper half, left to right, so text on it reads upright.
        return "M{a},{cy} A{r},{r} 0 0,1 {b},{cy}".format(a=cx - r, b=cx + r, cy=cy, r=r)

    # the whole run
    def common(self) -> dict:
        result = self.result
        code = result.exit_code()
        if code == 0:
            verdict = self.L("gate_passed")
        elif code == 1:
            verdict = self.L("gate_failed")
        else:
            verdict = self.L("gate_error") if result.errors else self.L("gate_empty")
        summary = result.summary()
        counts = dict(summary["by_severity"], initiatives=summary["initiatives"],
                      waived=summary["waived"], errors=summary["errors"])
        # One initiative's view at a time: the report streams them (see write).
        initiatives = (self.initiative(r, a) for r, a in zip(result.initiatives, self.anchors))
        return {
            "lang": self.lang, "L": self.L, "date": result.date, "version": result.tool_version,
            "verdict": verdict, "gate_class": ("passed", "failed", "error")[min(code, 2)],
            "failing": result.failing_count(), "summary": self.L("summary") % counts,
            "since_last": labels.since_last_line(result, self.lang),
            "initiatives": initiatives, "toc": self.toc,
            "states": [{"key": s, "icon": ICONS[s], "label": self.L("state." + s)}
                       for s in STATES],
            "portfolio": [self.finding(f) for f in
                          sorted(result.portfolio_findings, key=labels.finding_order)],
            "errors": [{"location": labels.position(p.file, p.line, p.column), "path": p.path,
                        "message": p.message}
                       for p in sorted(result.errors, key=labels.problem_order)],
            "domains": [self.domain(d) for d in DOMAINS],
        }

    def dashboard(self) -> dict:
        ctx = self.common()
        result, L = self.result, self.L
        views = ctx["initiatives"] = list(ctx["initiatives"])   # by place in the report
        # findings of portfolio rules attached to initiatives, plus the portfolio-level ones
        attached = [dict(self.finding(f), anchor=views[k]["anchor"])
                    for k, r in enumerate(result.initiatives) for f in sorted(r.findings,
                                                                key=labels.finding_order)
                    if f.category == "portfolio" and not f.waived]
        ctx["portfolio_all"] = [dict(f, anchor=None) for f in ctx["portfolio"]] + attached
        # counts by severity and category (unwaived), waived separately
        findings = result.all_findings()
        cats = list(CATEGORIES) + sorted({f.category for f in findings} - set(CATEGORIES))
        rows = []
        for c in cats:
            row = {"category": self.enum("category", c), "key": c}
            for s in _SEVERITIES:
                row[s.name] = sum(1 for f in findings
                                  if f.category == c and f.severity == s and not f.waived)
            row["waived"] = sum(1 for f in findings if f.category == c and f.waived)
            row["total"] = sum(row[s.name] for s in _SEVERITIES)
            rows.append(row)
        total = {k: sum(r[k] for r in rows) for k in [s.name for s in _SEVERITIES]
                 + ["waived", "total"]}
        ctx["count_rows"], ctx["count_total"] = rows, total
        ctx["severities"] = [{"key": s.name, "label": L(s.name),
                              "heading": L(labels.SEVERITY_HEADINGS[s]),
                              "icon": SEVERITY_ICONS[s]} for s in _SEVERITIES]
        # exceptions register, by expiry (undated last)
        register = []
        for k, r in enumerate(result.initiatives):
            items = _get(r.data, "principles", "exceptions")
            for i, e in enumerate(items if isinstance(items, list) else []):
                if not isinstance(e, Mapping):
                    continue
                expires = str(e.get("expires") or "")
                status = exception_status(expires, result.date) if expires else "unknown"
                used = any(f.waiver is not None and f.waiver.index == i for f in r.findings)
                register.append({
                    "initiative": r.id, "anchor": views[k]["anchor"],
                    "rule": str(e.get("rule") or ""),
                    "justification": str(e.get("justification") or ""),
                    "approved_by": str(e.get("approved_by") or ""), "expires": expires,
                    "status": status,
                    "status_label": (L("exception." + status) if status != "unknown"
                                     else L("not_stated")),
                    "icon": {"expired": "\u2715", "soon": "!", "valid": "\u2713"}.get(status,
                                                                                      "?"),
                    "used": L("yes") if used else L("no")})
        register.sort(key=lambda e: (e["expires"] == "", e["expires"], e["initiative"],
                                     e["rule"]))
        ctx["register"] = register
        # initiatives per phase
        phases = Counter(r.phase or "none" for r in result.initiatives)
        n = max(len(result.initiatives), 1)
        ctx["phases"] = [{"key": p, "label": self.phase(None if p == "none" else p),
                          "count": phases.get(p, 0), "pct": round(100.0 * phases.get(p, 0) / n)}
                         for p in PHASES + ("none",)
                         if p != "none" or phases.get("none")]
        # budgets
        budget_rows, tot = [], {"one_off": 0, "recurring": 0, "a_one_off": 0, "a_recurring": 0}
        for k, r in enumerate(result.initiatives):
            b = _get(r.data, "budget") or {}
            one, rec = b.get("one_off"), b.get("recurring_per_year")
            num = lambda v: v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0
            tot["one_off"] += num(one)
            tot["recurring"] += num(rec)
            v = views[k]
            if v["decision_key"] == "approved":
                tot["a_one_off"] += num(one)
                tot["a_recurring"] += num(rec)
            budget_rows.append({"id": r.id, "anchor": v["anchor"], "title": r.title,
                                "decision": v["decision"], "decision_key": v["decision_key"],
                                "one_off": money(one, self.lang) or "\u2013",
                                "recurring": money(rec, self.lang) or "\u2013"})
        ctx["budget_rows"] = budget_rows
        ctx["budget_total"] = {k: money(v, self.lang) for k, v in tot.items()}
        # maturity per theme across the portfolio
        themes: Dict[str, List[Tuple[str, Optional[int], Optional[int]]]] = {}
        for r in result.initiatives:
            cur = _get(r.data, "maturity", "current") or {}
            tgt = _get(r.data, "maturity", "target") or {}
            for t in set(cur) | set(tgt):
                idx = lambda v: LEVELS.index(v) + 1 if v in LEVELS else None
                themes.setdefault(t, []).append((r.id, idx(cur.get(t)), idx(tgt.get(t))))
        mat = []
        for t in sorted(themes):
            entries = themes[t]
            avg = lambda xs: (sum(xs) / len(xs)) if xs else None
            c = avg([e[1] for e in entries if e[1] is not None])
            g = avg([e[2] for e in entries if e[2] is not None])
            mat.append({"theme": t, "n": len(entries),
                        "current": self._level(c), "target": self._level(g),
                        "current_pct": round(100 * (c or 0) / len(LEVELS)),
                        "target_pct": round(100 * (g or 0) / len(LEVELS)),
                        "items": [{"id": e[0], "current": self._level(e[1]),
                                   "target": self._level(e[2])} for e in sorted(entries)]})
        ctx["maturity_themes"] = mat
        ctx["phase_options"] = [{"key": p["key"], "label": p["label"]} for p in ctx["phases"]]
        return ctx

    def _level(self, value: Optional[float]) -> str:
        if value is None:
            return self.L("level_unknown")
        name = self.enum("level", LEVELS[int(round(value)) - 1])
        if float(value).is_integer():
            return name
        shown = decimal(value, self.lang, 1)
        return "%s (%s)" % (name, shown)


@functools.lru_cache(maxsize=1)
def _environment():
    import jinja2
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(here), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env


def render(result: RunResult, lang: str = "en",
           options: Optional[ReportOptions] = None) -> str:
    """The initiative report: every initiative of the run with its IDM ring."""
    page = _Page(result, lang)
    return _environment().get_template("report.html.j2").render(page.common())


def write(result: RunResult, out: TextIO, lang: str = "en",
          options: Optional[ReportOptions] = None) -> None:
    """The initiative report written as it is made, one initiative at a time: a large run never
    holds all its initiatives' views or the whole page."""
    page = _Page(result, lang)
    for chunk in _environment().get_template("report.html.j2").generate(page.common()):
        out.write(chunk)


def render_portfolio(result: RunResult, lang: str = "en", history: Any = None) -> str:
    """The portfolio dashboard of a run (idm report); `history` (engine.history.views.Dashboard)
    adds trends, a since-last-review column and the exceptions over time."""
    page = _Page(result, lang)
    ctx = page.dashboard()
    ctx["history"] = _history(history, result, page.L, lang) if history is not None else None
    return _environment().get_template("portfolio.html.j2").render(ctx)


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
