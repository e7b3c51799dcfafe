"""The review dossier: for one initiative, the document an architecture board decides on, in
the spirit of a project start architecture (PSA).

It holds the initiative in the seven W's, the rule packs applied (name, version, evaluation
date), every rule of the packs with its outcome on this initiative (passed, finding, waived with
justification, approver and expiry, not in force on the date, or for a portfolio rule not
assessed: one file cannot pass a rule that compares initiatives), the standards and legislation
the initiative declares, the open comply-or-explain items, and a decision block for the board.
HTML (printable on A4) or Markdown.
"""
from __future__ import annotations

import hashlib
import io
import os
from typing import Any, Dict, List, Mapping, Optional, TextIO

from ..i18n import catalogue
from ..model import InitiativeResult, RunResult
from . import labels, mdtext
from .exception_status import exception_status, exceptions_of
from .html import SEVERITY_ICONS, Page, css_string, environment, texts
from .obligations import get_path

OUTCOME_KEYS = ("approved", "approved-with-conditions", "approved-with-advisories", "deferred",
                "rejected")   # a board decision's outcomes, as the decision format names them
OUTCOMES = ("finding", "waived", "passed", "not_in_force", "not_assessed")
OUTCOME_ICONS = {"finding": "\u2715", "waived": "\u25c7", "passed": "\u2713",
                 "not_in_force": "\u2013", "not_assessed": "?"}


def _pack_version(path: str, bundled: str, tool_version: str) -> str:
    """Bundled packs are versioned with idm; another pack by the first 12 hex digits of the
    SHA-256 of its file, so two dossiers name the same pack only if it is the same text."""
    try:
        if os.path.commonpath([os.path.abspath(path), bundled]) == bundled:
            return "idm " + tool_version
    except ValueError:
        pass
    try:
        with open(path, "rb") as fh:
            return "sha256:" + hashlib.sha256(fh.read()).hexdigest()[:12]
    except OSError:
        return ""


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), folder]) == folder
    except ValueError:
        return False


def _sha256(path: str) -> str:
    """SHA-256 of a file's bytes ('' when it cannot be read, as standard input)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return ""


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(_shown, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Dossier:
    """The view of one initiative's dossier in one language."""

    def __init__(self, result: RunResult, ruleset: Any, lang: str,
                 decision: Optional[str] = None,
                 identity: Optional[Mapping[str, Any]] = None) -> None:
        if len(result.initiatives) != 1:
            raise ValueError("a dossier is made for exactly one initiative")
        self.result, self.ruleset = result, ruleset
        self.decision = decision      # the id of the recorded decision to render, if any
        # From the history store, when there is one (engine.app.dossier.history_of): the run
        # the dossier belongs to, the previous review's run and date, findings added, resolved.
        self.history = identity
        self.page = Page(result, lang)
        self.lang, self.L = self.page.lang, self.page.L

    def context(self) -> Dict[str, Any]:
        result, page, L = self.result, self.page, self.L
        rows = page.rows()
        r: InitiativeResult = next(iter(result.initiatives))
        ini = dict(page.initiative(r, page.anchors[0]), sha256=_sha256(r.file))
        data = r.data
        ctx: Dict[str, Any] = {
            "lang": self.lang, "L": L, "date": page.date(result.date),
            "version": result.tool_version, "ini": ini, "row": rows[0],
            "states": page.legend(rows),
            "packs": self.packs(), "rules": self.rules(r),
            "overrides": [{"rule": rid, "text": text}
                          for rid, text in labels.override_lines(result, self.lang)],
            "overrides_title": catalogue(self.lang)("packs.overrides"),
            "params": self.params(),
            "params_title": catalogue(self.lang)("packs.params"),
            "data_sets": self.data_sets(),
            "data_title": catalogue(self.lang)("packs.data"),
            "outcome_counts": self.outcome_counts(r),
            "total": labels.total(result.summary(), self.lang),
            "legislation": texts(get_path(data, "principles", "legislation")),
            "standards": texts(get_path(data, "principles", "standards")),
            "exceptions": self.exceptions(r),
            # In a portfolio, its portfolio-level findings count for the initiative too.
            "open_items": [page.finding(f) for f in sorted(
                [f for f in r.findings if not f.waived] +
                [f for f in result.portfolio_findings if result.portfolio and
                 f.initiative is None and f.category == "portfolio" and not f.waived],
                key=lambda f: (-f.severity, labels.finding_order(f)))],
            "portfolio": len(result.portfolio),
            "W": catalogue(self.lang),
            # The running header of every printed page: which initiative, on which date.
            "running_header": css_string("%s \u00b7 %s \u00b7 %s" % (
                self.L("dossier_title"), r.id, page.date(result.date))),
            "recorded": self.recorded(r),
            "earlier": self.earlier(r),
            "outcome_options": [{"key": k, "label": catalogue(self.lang)("decisions.outcome." + k)}
                                for k in OUTCOME_KEYS],
            # The blank decision record's options, as a board chooses them (a verb each).
            "choices": [{"key": k, "label": self.L("choice." + k)} for k in OUTCOME_KEYS],
            "identity": self.identity(),
        }
        # What the board is asked: a decision on the initiative in its phase.
        ctx["asked"] = L("asked_text") % {"phase": ini["phase"], "decision": ini["decision"]}
        # The pre-filled advice and the seeded conditions: the errors without an exception.
        ctx["blocking"] = [f for f in ctx["open_items"] if f["severity"] == "error"]
        return ctx

    def identity(self) -> Optional[Dict[str, Any]]:
        """The history lines of the record: the run, and what changed since the last review."""
        h = self.history
        if h is None:
            return None
        if h["previous"] is None:
            since = self.L("since_first")
        else:
            run, date = h["previous"]
            since = self.L("since_text") % {"run": run, "date": self.page.date(date),
                                            "added": len(h["added"]),
                                            "resolved": len(h["resolved"])}
        shown = lambda rows: ", ".join(  # noqa: E731
            "%s (%s)" % (f["rule"], f["path"]) if f["path"] else f["rule"] for f in rows)
        return {"run": "" if h["run"] is None else str(h["run"]), "since": since,
                "added": shown(h["added"]), "resolved": shown(h["resolved"])}

    def _judged(self, r: InitiativeResult) -> List[Any]:
        return [d for d in self.result.decisions if d.decision.initiative == r.id]

    def _decision(self, judged: Any) -> Dict[str, Any]:
        """What the dossier shows of one judged decision (states as the register gives them)."""
        from .decision_register import condition_state, decision_flags
        words = catalogue(self.lang)
        data = judged.decision.doc.data
        date = lambda v: self.page.date(str(v)) if v else ""  # noqa: E731
        return {
            "id": judged.decision.id, "date": date(data.get("date")), "body": data.get("body"),
            "outcome": data.get("outcome"),
            "outcome_label": words("decisions.outcome." + str(data.get("outcome"))),
            "agenda_item": str(data.get("agenda_item") or ""),
            "motivation": str(data.get("motivation") or ""),
            "next_review": date(data.get("next_review")),
            "members": [str(m) for m in data.get("members") or ()],
            "flags": [words("decisions.flag." + f) for f in decision_flags(judged.findings)],
            "conditions": [{"id": c.id, "text": c.text, "owner": c.owner, "due": date(c.due),
                            "state": condition_state(c, judged.findings, k),
                            "state_label": words("decisions.state." +
                                                 condition_state(c, judged.findings, k))}
                           for k, c in enumerate(judged.conditions)]}

    def recorded(self, r: InitiativeResult) -> Optional[Dict[str, Any]]:
        """The decision `--decision` names, rendered instead of the blank decision block."""
        found = [d for d in self._judged(r) if d.decision.id == self.decision]
        return self._decision(found[0]) if found else None

    def earlier(self, r: InitiativeResult) -> List[Dict[str, Any]]:
        """The initiative's other decisions, oldest first, with their conditions' states."""
        return [self._decision(d) for d in sorted(self._judged(r),
                                                  key=lambda d: (d.decision.date, d.decision.id))
                if d.decision.id != self.decision]

    def packs(self) -> List[Dict[str, Any]]:
        from ..pack.rulepack import default_pack_dir
        bundled = os.path.abspath(default_pack_dir())
        by_pack: Dict[str, Dict[str, Any]] = {}
        for spec in self.ruleset.specs:
            rule = spec.rule
            inside = _inside(rule.file, bundled)
            entry = by_pack.setdefault(rule.pack or "-", {
                "name": rule.pack or "-",
                # The bundled pack is named by its version, never by where it is installed.
                "file": os.path.basename(rule.file) if inside else
                labels.relative_path(rule.file),
                "version": self._version(rule, bundled),
                "sha256": _sha256(rule.file), "rules": 0})
            entry["rules"] += 1
        return [by_pack[k] for k in sorted(by_pack)]

    def params(self) -> List[Dict[str, str]]:
        """The typed parameters of the packs, and the rule parameters the project set, with the
        values in force (a rule parameter at its default is part of the rule, as before)."""
        from ..pack.params import in_force
        words = catalogue(self.lang)
        typed = getattr(getattr(self.ruleset, "defs", None), "params", {})
        out = []
        for p in in_force(self.ruleset):
            if p.key not in typed and p.source != "project":
                continue
            value = words("message.not_given") if p.value is None else _shown(p.value)
            text = words("packs.param_" + p.source) % {
                "value": value, "default": "-" if p.default is None else _shown(p.default)}
            out.append({"name": p.key, "text": text})
        return out

    def data_sets(self) -> List[Dict[str, str]]:
        """The reference data sets in force: snapshot (and the one it replaced), size, source;
        `text` for HTML (escaped there), `md` with the source as a code span (no live link)."""
        from ..pack.refdata import snapshot_text
        line = catalogue(self.lang)("packs.data_entry")
        data = getattr(getattr(self.ruleset, "defs", None), "data", {})
        out = []
        for name in sorted(data):
            values = {"snapshot": snapshot_text(data[name], self.lang),
                      "items": len(data[name].items), "source": data[name].source}
            out.append({"name": name, "text": line % values, "md": line % dict(
                values, snapshot=_md(values["snapshot"]), source=mdtext.code(values["source"]))})
        return out

    def _version(self, rule: Any, bundled: str) -> str:
        """A pack with a manifest by its version (docs/packs.md); others as before."""
        planned = getattr(self.ruleset, "packs", {}).get(rule.pack)
        if planned is not None and planned.manifest is not None:
            return planned.version
        return _pack_version(rule.file, bundled, self.result.tool_version)

    def outcome(self, spec: Any, r: InitiativeResult) -> Dict[str, Any]:
        mine = [f for f in r.findings if f.rule == spec.id]
        decision_rule = getattr(spec, "subject", "initiative") == "decision"
        if decision_rule:   # judged on the board's decisions, reported with the run's findings
            mine = [f for f in self.result.portfolio_findings
                    if f.rule == spec.id and f.initiative == r.id]
        if not spec.active_on(self.result.date):
            key = "not_in_force"
        elif (decision_rule and not self.result.decisions) or \
                ((spec.pairs is not None or spec.aggregate is not None)
                 and not self.result.portfolio):
            # A portfolio rule compares initiatives: one file alone cannot pass it.
            key = "not_assessed"
        elif spec.aggregate is not None and any(
                f.rule == spec.id and f.initiative is None
                for f in self.result.portfolio_findings):
            key = "finding"             # judged on the whole portfolio
        elif any(not f.waived for f in mine):
            key = "finding"
        elif mine:
            key = "waived"
        else:
            key = "passed"
        out = {"key": key, "icon": OUTCOME_ICONS[key], "label": self.L("outcome." + key),
               "findings": len([f for f in mine if not f.waived]), "waiver": None,
               "validity": ""}
        if key == "not_in_force":
            out["validity"] = " \u2013 ".join(
                [self.page.date(spec.valid_from) if spec.valid_from else "",
                 self.page.date(spec.valid_until) if spec.valid_until else ""])
        waived = [f for f in mine if f.waived]
        if waived:
            w = waived[0].waiver
            out["waiver"] = {"justification": w.justification, "approved_by": w.approved_by,
                             "expires": self.page.date(w.expires),
                             "status": exception_status(w.expires, self.result.date)}
        return out

    def _listed(self, r: InitiativeResult) -> List[Any]:
        """The rules the dossier lists: the decision rules only when the run judged a decision
        on this initiative (otherwise they checked nothing here)."""
        decided = bool(self._judged(r))
        return [s for s in self.ruleset.specs
                if decided or getattr(s, "subject", "initiative") != "decision"]

    def rules(self, r: InitiativeResult) -> List[Dict[str, Any]]:
        out = []
        for spec in sorted(self._listed(r), key=lambda s: s.id):
            rule = spec.rule
            out.append({"id": rule.id, "title": labels.text(rule.title, self.lang),
                        "severity": rule.severity.name, "severity_label": self.L(
                            rule.severity.name), "severity_icon": SEVERITY_ICONS[rule.severity],
                        "category": self.page.enum("category", rule.category),
                        "domain": labels.domain_name(rule.domain, self.lang),
                        "pack": rule.pack, "outcome": self.outcome(spec, r)})
        return out

    def outcome_counts(self, r: InitiativeResult) -> List[Dict[str, Any]]:
        keys = [self.outcome(s, r)["key"] for s in self._listed(r)]
        return [{"key": k, "icon": OUTCOME_ICONS[k], "label": self.L("tile." + k),
                 "count": keys.count(k)} for k in OUTCOMES
                if k != "not_assessed" or k in keys]

    def exceptions(self, r: InitiativeResult) -> List[Dict[str, Any]]:
        out = []
        for _, e, status, used in exceptions_of(r, self.result.date):
            expires = str(e.get("expires") or "")
            out.append(dict(self.page.exception_row(e, status, used),
                            expires=self.page.date(expires) if expires else "\u2013"))
        return out


def write(result: RunResult, ruleset: Any, out: TextIO, lang: str = "en",
          fmt: str = "html", decision: Optional[str] = None,
          history: Optional[Mapping[str, Any]] = None) -> None:
    """Write the dossier of the run's one initiative as HTML or Markdown; `decision`: the id of
    a judged decision of the run to render as the board's recorded decision; `history`: what
    the history store says of the initiative (engine.app.dossier.history_of)."""
    ctx = Dossier(result, ruleset, lang, decision, history).context()
    if fmt == "markdown":
        out.write(markdown(ctx))
        return
    for chunk in environment().get_template("dossier.html.j2").generate(ctx):
        out.write(chunk)


def render(result: RunResult, ruleset: Any, lang: str = "en", fmt: str = "html",
           decision: Optional[str] = None) -> str:
    out = io.StringIO()
    write(result, ruleset, out, lang, fmt, decision)
    return out.getvalue()


def _md(text: Any) -> str:
    """Input-derived text as inert Markdown on one line (mdtext.inline)."""
    return mdtext.inline(text, " ")


def markdown(ctx: Mapping[str, Any]) -> str:
    L, ini = ctx["L"], ctx["ini"]
    out: List[str] = ["# %s: %s \u2014 %s" % (L("dossier_title"), _md(ini["id"]),
                                              _md(ini["title"])), ""]
    out += ["%s: %s · %s: %s · idm %s" % (L("evaluation_date"), ctx["date"], L("status"),
                                         ini["status_label"], ctx["version"]), ""]
    out += [ctx["total"], ""]
    facts = [(L("owner"), _md(ini["owner"] or L("not_stated"))), (L("phase"), _md(ini["phase"])),
             (L("chain"), _md(ini["chain"])), (L("decision"), _md(ini["decision"])),
             (L("budget"), "%s: %s · %s: %s" % (L("one_off"), _md(ini["one_off"]),
                                                L("recurring"), _md(ini["recurring"]))),
             (L("file"), mdtext.code(ini["file"]) +
              (" (SHA-256 %s)" % mdtext.code(ini["sha256"]) if ini["sha256"] else ""))]
    out += ["| | |", "|---|---|"] + ["| **%s** | %s |" % kv for kv in facts] + [""]
    out += _md_record(ctx, L)
    out += ["## 2. " + L("seven_ws"), "", "| %s | %s | %s | %s |" % (
        L("w_question"), L("domain"), L("state"), L("says")), "|---|---|---|---|"]
    for w in ini["ws"]:
        says = "<br>".join(_md(s) for s in w["says"]) or "_%s_" % L("says_nothing")
        out.append("| %s | %s | %s %s | %s |" % (w["w"], w["name"], w["icon"], w["state_label"],
                                                 says))
    out += ["", "## 3. " + L("packs_applied"), "",
            "| %s | %s | %s | %s |" % (L("pack"), L("version"), L("rules_count"), L("file")),
            "|---|---|--:|---|"]
    out += ["| %s | %s | %d | %s%s |" % (_md(p["name"]), _md(p["version"]), p["rules"],
                                          mdtext.code(p["file"]),
                                          " (SHA-256 %s)" % mdtext.code(p["sha256"])
                                          if p["sha256"] else "")
            for p in ctx["packs"]]
    if ctx["overrides"]:
        out += ["", "**%s**" % ctx["overrides_title"], ""]
        out += ["- `%s`: %s" % (o["rule"], _md(o["text"])) for o in ctx["overrides"]]
    if ctx["params"]:
        out += ["", "**%s**" % ctx["params_title"], ""]
        out += ["- `%s`: %s" % (p["name"], _md(p["text"])) for p in ctx["params"]]
    if ctx["data_sets"]:
        out += ["", "**%s**" % ctx["data_title"], ""]
        out += ["- %s: %s" % (mdtext.code(d["name"]), d["md"]) for d in ctx["data_sets"]]
    out += ["", "%s: %s" % (L("evaluation_date"), ctx["date"]), ""]
    out += ["## 4. " + L("declared"), "",
            "- **%s**: %s" % (L("legislation"), ", ".join(map(_md, ctx["legislation"]))
                              or L("not_stated")),
            "- **%s**: %s" % (L("standards"), ", ".join(map(_md, ctx["standards"]))
                              or L("not_stated")), ""]
    for p in ini["declared"]:       # the fields packs declare, under each pack's title
        out += ["### " + _md(p["title"]), ""]
        out += ["- **%s** (%s): %s" % (_md(f["title"]), mdtext.code(f["path"]), "; ".join(
            ("%s: " % mdtext.code(v["where"]) if v["where"] else "") + _md(v["text"])
            for v in f["given"])) for f in p["fields"]]
        out.append("")
    out += ["## 5. " + L("open_items"), ""]
    if ctx["open_items"]:
        out += ["| %s | %s | %s | %s |" % (L("rule"), L("severity"), L("message"),
                                          L("remediation")), "|---|---|---|---|"]
        out += ["| **%s** %s | %s %s | %s | %s |" % (
            _md(f["rule"]), _md(f["title"]), f["icon"], f["severity_label"], _md(f["message"]),
            _md(f["remediation"])) for f in ctx["open_items"]]
    else:
        out.append(L("no_open_items"))
    out.append("")
    if ctx["exceptions"]:
        out += ["### " + L("exceptions_register"), "",
                "| %s | %s | %s | %s | %s | %s |" % (L("rule"), L("justification"),
                                                     L("approved_by"), L("expires"),
                                                     L("status"), L("waives_finding")),
                "|---|---|---|---|---|---|"]
        out += ["| %s | %s | %s | %s | %s | %s |" % (
            _md(e["rule"]), _md(e["justification"]), _md(e["approved_by"]), _md(e["expires"]),
            e["status_label"], e["used"]) for e in ctx["exceptions"]]
        out.append("")
    out += ["## %s A. %s" % (L("annex"), L("rules_checked")), ""]
    if ctx["portfolio"]:
        out += [L("judged_in_portfolio").replace("%d", str(ctx["portfolio"])), ""]
    out += [
            " · ".join("%s %s: %d" % (c["icon"], c["label"], c["count"])
                       for c in ctx["outcome_counts"]), "",
            "| %s | %s | %s | %s |" % (L("rule"), L("severity"), L("domain"), L("outcome")),
            "|---|---|---|---|"]
    for r in ctx["rules"]:
        o = r["outcome"]
        detail = o["label"]
        if o["waiver"]:
            w = o["waiver"]
            detail += ": %s (%s, %s %s)" % (_md(w["justification"]), _md(w["approved_by"]),
                                           L("expires").lower(), _md(w["expires"]))
        elif o["validity"]:
            detail += " (%s)" % _md(o["validity"])
        out.append("| **%s** %s | %s | %s | %s %s |" % (_md(r["id"]), _md(r["title"]),
                                                         r["severity_label"], _md(r["domain"]),
                                                         o["icon"], detail))
    out.append("")
    return "\n".join(out)


def _md_record(ctx: Mapping[str, Any], L: Any) -> List[str]:  # noqa: N803
    """Section 1, the decision record: the request, then the recorded decision or the blank
    record with its advice and conditions prepared from the blocking findings."""
    ini = ctx["ini"]
    out = ["## 1. " + L("board_decision"), "", "### " + L("request"), ""]
    out += ["- **%s**: %s" % kv for kv in (
        (L("request_title"), "%s \u2014 %s" % (_md(ini["id"]), _md(ini["title"]))),
        (L("phase"), _md(ini["phase"])), (L("owner"), _md(ini["owner"] or L("not_stated"))),
        (L("asked"), _md(ctx["asked"])))]
    ident = ctx["identity"]
    if ident:
        if ident["run"]:
            out.append("- **%s**: %s" % (L("history_run"), _md(ident["run"])))
        out.append("- **%s**: %s" % (L("since_last_review"), _md(ident["since"])))
        out += ["  - %s: %s" % (L("since_" + k), _md(ident[k])) for k in ("added", "resolved")
                if ident[k]]
    out.append("")
    for d in ctx["earlier"]:
        out += _md_decision(d, L, "### %s %s" % (L("earlier_decision"), _md(d["id"])))
    signatures = ["| %s | %s | %s |" % (L("owner"), L("chair"), L("secretary")), "|---|---|---|",
                  "| %s: | %s: | %s: |" % (L("signature"), L("signature"), L("signature")), ""]
    d = ctx["recorded"]
    if d is not None:
        out += _md_decision(d, L, "### %s %s" % (L("decision_recorded"), _md(d["id"])),
                            ctx["outcome_options"])
        return out + signatures
    out += ["### " + L("advice"), ""]
    if ctx["blocking"]:
        out += [L("advice_blocking") + ":", ""]
        out += ["- %s **%s** %s" % (f["icon"], _md(f["rule"]), _md(f["title"]))
                for f in ctx["blocking"]]
    else:
        out.append(L("advice_none"))
    out += ["", "| %s | %s | %s |" % (L("condition"), L("owner"), L("due_label")), "|---|---|---|"]
    out += ["| **%s** %s | %s | |" % (_md(f["rule"]), _md(f["title"]),
                                      _md(ini["owner"] or "")) for f in ctx["blocking"]]
    out += ["| | | |", "", "### " + L("decision_recorded"), ""]
    out += ["- [ ] %s" % o["label"] for o in ctx["choices"]]
    out += ["", "**%s**:" % L("motivation"), "", "…", ""]
    out += ["- **%s**: ____________" % L(k) for k in ("next_review",)]
    out += ["- **%s**: %s" % (L("decision_body"), L("board_default"))]
    out += ["- **%s**: ____________" % L(k) for k in ("meeting_date", "agenda_item",
                                                      "members_present")]
    return out + [""] + signatures


def _md_decision(d: Mapping[str, Any], L: Any, heading: str,  # noqa: N803
                 options: Any = None) -> List[str]:
    """One board decision in Markdown: outcome (as checked boxes when `options`), facts,
    conditions with their states."""
    out = [heading, ""]
    if options:
        out += ["- [%s] %s" % ("x" if o["key"] == d["outcome"] else " ", o["label"])
                for o in options] + [""]
    facts = [(L("decision_outcome"), d["outcome_label"]), (L("date_label"), d["date"]),
             (L("decision_body"), _md(d["body"]))]
    facts += [(L(k), _md(d[v])) for k, v in (("agenda_item", "agenda_item"),
                                             ("motivation", "motivation"),
                                             ("next_review", "next_review")) if d[v]]
    if d["members"]:
        facts.append((L("members_present"), ", ".join(map(_md, d["members"]))))
    if d["flags"]:
        facts.append((L("decision_attention"), ", ".join(d["flags"])))
    out += ["- **%s**: %s" % kv for kv in facts] + [""]
    if d["conditions"]:
        out += ["| %s | %s | %s | %s |" % (L("conditions"), L("owner"), L("due_label"),
                                          L("state")), "|---|---|---|---|"]
        out += ["| **%s** %s | %s | %s | %s |" % (_md(c["id"]), _md(c["text"]),
                                                 _md(c["owner"]) or "\u2013", c["due"],
                                                 c["state_label"]) for c in d["conditions"]]
        out.append("")
    return out
