"""Ten rules of the default pack, evaluated by idm's engine and by three peer engines.

The rules (ids of the default pack; semantics of docs/design/evaluation.md §1: "missing" is absent, null,
empty or whitespace only):

| id      | kind                          | condition                                                   |
| BUS-001 | field present                 | owner.name missing                                          |
| BUS-007 | field present                 | phase missing                                               |
| POR-004 | combination                   | direction.portfolio.decision = approved, goals missing      |
| INF-002 | per list item, combination    | operations.data[i]: personal = true and open_data = true    |
| INF-004 | numeric comparison            | personal data and confidentiality < 2                       |
| LEG-006 | per list item, cross-field    | personal data and operations.applications[i].hosting non-eu |
| TEC-001 | per list item, any + missing  | (sourcing in saas/bpo/cots or hosting non-eu), no exit      |
| TEC-002 | count quantifier + regex      | >= 2 applications and no standard matches K_EXCHANGE        |
| LEG-007 | list quantifier + regex       | personal data and no legislation matches K_GDPR             |
| EXC-002 | exception register (dates)    | principles.exceptions[i].expires before the evaluation date |

A finding is (document index, rule id, item index or None).  Each engine gets the same parsed
documents (plain dicts from yaml.CSafeLoader, dates as text: `plain`) and must return the same set of findings as idm.
"""
from __future__ import annotations

import datetime
import json
import re
from typing import Any, Dict, List, Optional, Set, Tuple

SUBSET = ["BUS-001", "BUS-007", "POR-004", "INF-002", "INF-004", "LEG-006", "TEC-001", "TEC-002",
          "LEG-007", "EXC-002"]
Finding = Tuple[int, str, Optional[int]]


def plain(value: Any) -> Any:
    """A parsed document as every engine can take it: unquoted YAML dates (datetime.date from
    the YAML loader) become YYYY-MM-DD text, as idm's loader and JSON input give them."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _patterns() -> Dict[str, str]:
    import yaml
    with open("rules/common.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["patterns"]


# --- idm ---------------------------------------------------------------------------------------

class Idm:
    name = "idm (durable_rules C module)"

    def __init__(self, date: str):
        import dataclasses
        from idm.engine.compile.compiler import HitKind, compile_ruleset
        from idm.engine.durable.evaluator import Evaluator
        from idm.engine.pack.rulepack import load_ruleset_collecting
        full, problems = load_ruleset_collecting(None)
        assert not problems, problems
        pack = dataclasses.replace(full, specs=[s for s in full.specs if s.id in SUBSET],
                                   profiles=None)
        assert sorted(s.id for s in pack.specs) == sorted(SUBSET)
        self.compiled = compile_ruleset(pack, date)
        self.ev = Evaluator(self.compiled, pack.defs.scales)

    def run(self, docs: List[dict]) -> Set[Finding]:
        from idm.engine.compile.compiler import HitKind
        out: Set[Finding] = set()
        evaluate = self.ev.evaluate
        for i, d in enumerate(docs):
            for firing in evaluate(d):
                h = firing.hit
                if h.kind is HitKind.RULE and h.variant == -1 and h.name in SUBSET:
                    out.add((i, h.name, firing.item))
        return out


# --- Rego (regopy, rego-cpp) -------------------------------------------------------------------

REGO = r'''
package idm
import rego.v1

# Rego has no recursion: a list or mapping is missing when its items are null or blank (one level)
blank(x) if { x == null }
blank(x) if { is_string(x); trim_space(x) == "" }
missing(x) if { blank(x) }
missing(x) if { is_array(x); count([v | some v in x; not blank(v)]) == 0 }
missing(x) if { is_object(x); count([v | some v in x; not blank(v)]) == 0 }
get(obj, path) := v if { v := object.get(obj, path, null) }
absent(obj, path) if { missing(get(obj, path)) }
personal if { get(input, ["design", "privacy", "personal_data"]) == true }

findings contains ["BUS-001", null] if { absent(input, ["owner", "name"]) }
findings contains ["BUS-007", null] if { absent(input, ["phase"]) }
findings contains ["POR-004", null] if {
  get(input, ["direction", "portfolio", "decision"]) == "approved"
  absent(input, ["direction", "goals"])
}
findings contains ["INF-002", i] if {
  some i, item in get(input, ["operations", "data"])
  item.personal == true
  item.open_data == true
}
findings contains ["INF-004", null] if {
  personal
  c := get(input, ["design", "security", "classification", "confidentiality"])
  is_number(c)
  c < 2
}
findings contains ["LEG-006", i] if {
  personal
  some i, app in get(input, ["operations", "applications"])
  app.hosting == "non-eu"
}
bought(app) if { app.sourcing in {"saas", "bpo", "cots"} }
bought(app) if { app.hosting == "non-eu" }
findings contains ["TEC-001", i] if {
  some i, app in get(input, ["operations", "applications"])
  is_object(app)
  bought(app)
  missing(object.get(app, "exit_strategy", null))
}
findings contains ["TEC-002", null] if {
  apps := get(input, ["operations", "applications"])
  is_array(apps)
  count([a | some a in apps; not missing(a)]) >= 2
  not exchange_standard
}
exchange_standard if {
  some s in get(input, ["principles", "standards"])
  is_string(s)
  regex.match(data.patterns.K_EXCHANGE, lower(s))
}
findings contains ["LEG-007", null] if { personal; not gdpr }
gdpr if {
  some s in get(input, ["principles", "legislation"])
  is_string(s)
  regex.match(data.patterns.K_GDPR, lower(s))
}
findings contains ["EXC-002", i] if {
  some i, e in get(input, ["principles", "exceptions"])
  not missing(e)
  is_string(e.expires)
  not missing(e.expires)
  e.expires < data.today
}
'''


class Rego:
    name = "Rego (regopy / rego-cpp)"

    def __init__(self, date: str):
        import regopy
        self.interp = regopy.Interpreter()
        self.interp.add_module("idm", REGO)
        # rego-cpp's regex engine rejects the inline flag (?i) (the query is undefined): match the
        # lower-cased text against the pattern without it (the patterns are lower case).
        pats = {k: v.replace("(?i)", "") for k, v in _patterns().items()}
        self.interp.add_data_json(json.dumps({"patterns": pats, "today": date}))
        self.bundle = self.interp.build("x = data.idm.findings")

    def run(self, docs: List[dict]) -> Set[Finding]:
        out: Set[Finding] = set()
        interp, bundle = self.interp, self.bundle
        for i, d in enumerate(docs):
            interp.set_input_term(json.dumps(d))
            result = json.loads(str(interp.query_bundle(bundle)))
            for rule, ref in result["bindings"]["x"]:
                out.add((i, rule, ref))
        return out


# --- GoRules (zen-engine) ----------------------------------------------------------------------

def _zen_decision(date: str, pats: Dict[str, str]) -> dict:
    def q(s: str) -> str:      # zen string literals take backslashes as they are
        assert "'" not in s
        return "'%s'" % s
    miss = "({0} == null or (type({0}) == 'string' and len(trim({0})) == 0))"
    expressions = [
        ("pd", "design.privacy.personal_data == true"),
        ("apps", "type(operations.applications) == 'array' ? operations.applications : []"),
        ("BUS001", miss.format("owner.name")),
        ("BUS007", miss.format("phase")),
        ("POR004", "direction.portfolio.decision == 'approved' and (direction.goals == null or "
                   "(type(direction.goals) == 'array' and len(filter(direction.goals, # != null)) "
                   "== 0))"),
        ("INF002", "map(type(operations.data) == 'array' ? operations.data : [], "
                   "# != null and #.personal == true and #.open_data == true)"),
        ("INF004", "$.pd and type(design.security.classification.confidentiality) == 'number' "
                   "and design.security.classification.confidentiality < 2"),
        ("LEG006", "map($.apps, $.pd and # != null and #.hosting == 'non-eu')"),
        ("TEC001", "map($.apps, # != null and (#.sourcing in ['saas', 'bpo', 'cots'] or "
                   "#.hosting == 'non-eu') and " + miss.format("#.exit_strategy") + ")"),
        ("TEC002", "len(filter($.apps, # != null)) >= 2 and not some(type(principles.standards) "
                   "== 'array' ? principles.standards : [], type(#) == 'string' and matches(#, "
                   + q(pats["K_EXCHANGE"]) + "))"),
        ("LEG007", "$.pd and not some(type(principles.legislation) == 'array' ? "
                   "principles.legislation : [], type(#) == 'string' and matches(#, "
                   + q(pats["K_GDPR"]) + "))"),
        ("EXC002", "map(type(principles.exceptions) == 'array' ? principles.exceptions : [], "
                   "# != null and type(#.expires) == 'string' and len(trim(#.expires)) > 0 and "
                   "date(#.expires) < date(" + q(date) + "))"),
    ]
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {"id": "ex", "type": "expressionNode", "name": "rules", "position": {"x": 1, "y": 0},
             "content": {"expressions": [{"id": "e%d" % k, "key": key, "value": value}
                                         for k, (key, value) in enumerate(expressions)]}},
            {"id": "out", "type": "outputNode", "name": "response", "position": {"x": 2, "y": 0}},
        ],
        "edges": [{"id": "a", "sourceId": "in", "targetId": "ex", "type": "edge"},
                  {"id": "b", "sourceId": "ex", "targetId": "out", "type": "edge"}],
    }


class Zen:
    name = "GoRules (zen-engine)"

    def __init__(self, date: str):
        import zen
        self.engine = zen.ZenEngine()
        self.decision = self.engine.create_decision(json.dumps(_zen_decision(date, _patterns())))

    def run(self, docs: List[dict]) -> Set[Finding]:
        out: Set[Finding] = set()
        evaluate = self.decision.evaluate
        for i, d in enumerate(docs):
            r = evaluate(d)["result"]
            for key, value in r.items():
                if key in ("pd", "apps"):
                    continue
                rule = key[:3] + "-" + key[3:]
                if isinstance(value, list):
                    out.update((i, rule, k) for k, v in enumerate(value) if v)
                elif value:
                    out.add((i, rule, None))
        return out


# --- CLIPS (clipspy) ---------------------------------------------------------------------------

CLIPS = r'''
(deftemplate doc (slot owner-missing) (slot phase-missing) (slot decision) (slot goals-missing)
  (slot pd) (slot conf) (slot apps-present) (slot exchange) (slot gdpr))
(deftemplate data (slot i) (slot personal) (slot open-data))
(deftemplate app (slot i) (slot sourcing) (slot hosting) (slot exit-missing))
(deftemplate exc (slot i) (slot expires))
(deftemplate std (slot text))
(deftemplate law (slot text))
(deftemplate finding (slot rule) (slot i))
(defrule BUS-001 (doc (owner-missing TRUE)) => (assert (finding (rule BUS-001) (i nil))))
(defrule BUS-007 (doc (phase-missing TRUE)) => (assert (finding (rule BUS-007) (i nil))))
(defrule POR-004 (doc (decision "approved") (goals-missing TRUE))
  => (assert (finding (rule POR-004) (i nil))))
(defrule INF-002 (data (i ?i) (personal TRUE) (open-data TRUE))
  => (assert (finding (rule INF-002) (i ?i))))
(defrule INF-004 (doc (pd TRUE) (conf ?c&:(numberp ?c)&:(< ?c 2)))
  => (assert (finding (rule INF-004) (i nil))))
(defrule LEG-006 (doc (pd TRUE)) (app (i ?i) (hosting "non-eu"))
  => (assert (finding (rule LEG-006) (i ?i))))
(defrule TEC-001 (app (i ?i) (sourcing ?s) (hosting ?h) (exit-missing TRUE))
  (test (or (eq ?s "saas") (eq ?s "bpo") (eq ?s "cots") (eq ?h "non-eu")))
  => (assert (finding (rule TEC-001) (i ?i))))
(defrule TEC-002 (doc (apps-present ?n&:(>= ?n 2)))
  (not (std (text ?t&:(py-match ?*exchange* ?t))))
  => (assert (finding (rule TEC-002) (i nil))))
(defrule LEG-007 (doc (pd TRUE)) (not (law (text ?t&:(py-match ?*gdpr* ?t))))
  => (assert (finding (rule LEG-007) (i nil))))
(defrule EXC-002 (exc (i ?i) (expires ?e&:(stringp ?e)&:(< (str-compare ?e ?*today*) 0)))
  => (assert (finding (rule EXC-002) (i ?i))))
'''


def _missing(v: Any) -> bool:
    from idm.engine.textnorm import is_missing
    return is_missing(v)


def _at(d: Any, *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict):
            return None
        d = d.get(p)
    return d


class Clips:
    name = "CLIPS (clipspy)"

    def __init__(self, date: str):
        import clips
        self.env = env = clips.Environment()
        compiled: Dict[str, Any] = {}

        def py_match(pattern: str, text: str) -> bool:
            rx = compiled.get(pattern)
            if rx is None:
                rx = compiled[pattern] = re.compile(pattern)
            return rx.search(text) is not None
        env.define_function(py_match, "py-match")
        pats = _patterns()
        env.build('(defglobal ?*exchange* = %s)' % json.dumps(pats["K_EXCHANGE"]))
        env.build('(defglobal ?*gdpr* = %s)' % json.dumps(pats["K_GDPR"]))
        env.build('(defglobal ?*today* = "%s")' % date)
        for construct in _constructs(CLIPS):
            env.build(construct)
        self.t = {name: env.find_template(name) for name in
                  ("doc", "data", "app", "exc", "std", "law", "finding")}
        self.sym = clips.Symbol

    def run(self, docs: List[dict]) -> Set[Finding]:
        out: Set[Finding] = set()
        env, t, sym = self.env, self.t, self.sym
        T, F, NIL = sym("TRUE"), sym("FALSE"), sym("nil")

        def b(x: bool) -> Any:
            return T if x else F

        def s(x: Any) -> Any:
            return x if isinstance(x, str) else NIL
        for i, d in enumerate(docs):
            env.reset()
            apps = _at(d, "operations", "applications")
            apps = apps if isinstance(apps, list) else []
            conf = _at(d, "design", "security", "classification", "confidentiality")
            t["doc"].assert_fact(
                **{"owner-missing": b(_missing(_at(d, "owner", "name"))),
                   "phase-missing": b(_missing(d.get("phase"))),
                   "decision": s(_at(d, "direction", "portfolio", "decision")),
                   "goals-missing": b(_missing(_at(d, "direction", "goals"))),
                   "pd": b(_at(d, "design", "privacy", "personal_data") is True),
                   "conf": conf if type(conf) in (int, float) else NIL,
                   "apps-present": sum(1 for a in apps if not _missing(a))})
            for k, a in enumerate(apps):
                if isinstance(a, dict):
                    t["app"].assert_fact(i=k, sourcing=s(a.get("sourcing")),
                                         hosting=s(a.get("hosting")),
                                         **{"exit-missing": b(_missing(a.get("exit_strategy")))})
            data = _at(d, "operations", "data")
            for k, x in enumerate(data if isinstance(data, list) else []):
                if isinstance(x, dict):
                    t["data"].assert_fact(i=k, personal=b(x.get("personal") is True),
                                          **{"open-data": b(x.get("open_data") is True)})
            for name, path in (("std", "standards"), ("law", "legislation")):
                for v in _at(d, "principles", path) or []:
                    if isinstance(v, str):
                        t[name].assert_fact(text=v)
            exc = _at(d, "principles", "exceptions")
            for k, e in enumerate(exc if isinstance(exc, list) else []):
                if not _missing(e) and isinstance(e, dict) and not _missing(e.get("expires")):
                    t["exc"].assert_fact(i=k, expires=s(e.get("expires")))
            env.run()
            for f in t["finding"].facts():
                ref = f["i"]
                out.add((i, str(f["rule"]), None if ref == NIL else int(ref)))
        return out


def _constructs(text: str) -> List[str]:
    """Top-level (...) forms of a CLIPS text."""
    out, depth, start, in_str = [], 0, None, False
    for k, ch in enumerate(text):
        if ch == '"':
            in_str = not in_str
        if in_str:
            continue
        if ch == "(":
            if depth == 0:
                start = k
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                out.append(text[start:k + 1])
    return out


PEERS = [Rego, Zen, Clips]
