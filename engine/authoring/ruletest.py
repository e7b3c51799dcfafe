"""`idm rules test`: run every rule's inline examples and the `*_test.yaml` files beside packs.

A `fail` example passes when its rule reports a finding, a `pass` example when it does not; a
test-file case passes when exactly the expected rule ids fire (among `rules:` when given).
All evaluation goes through one compiled rule set (examples.DocumentChecker).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from ..dates import is_date
from ..errors import InputError, Problem
from ..i18n import catalogue, said
from ..inputs.discovery import display_name
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits, load_file
from ..pack.rulepack import RULE_FILE_SUFFIXES, RuleSet, RuleSpec, default_pack_dir, pack_path
from .examples import (DocumentChecker, example_decisions, example_history,
                       example_initiatives, initiative)


@dataclass
class CaseResult:
    """One example or test case: where it is written, what was expected, what fired."""

    where: str                  # FILE:LINE:COL
    name: str
    expected: Tuple[str, ...]   # rule ids that must fire
    forbidden: Tuple[str, ...]  # rule ids that must not fire
    fired: Tuple[str, ...]
    problems: List[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems and set(self.expected) <= set(self.fired) and \
            not set(self.forbidden) & set(self.fired)

    def explain(self, lang: str = "en") -> str:
        """Why a case failed, in one or more lines (in `lang`)."""
        w = catalogue(lang).section("ruletest")
        lines = [w["fail"] % {"where": self.where, "name": self.name}]
        for p in self.problems:
            lines.append(w["not_valid"] % {"problem": p.shown(lang)})
        missing = sorted(set(self.expected) - set(self.fired))
        extra = sorted(set(self.forbidden) & set(self.fired))
        if missing:
            lines.append(w["expected_fire"] % {"rules": ", ".join(missing)})
        if extra:
            lines.append(w["expected_not_fire"] % {"rules": ", ".join(extra)})
        lines.append(w["fired"] % {"rules": ", ".join(self.fired) or w["nothing"]})
        return "\n".join(lines)


@dataclass
class Report:
    cases: List[CaseResult]

    @property
    def failed(self) -> List[CaseResult]:
        return [c for c in self.cases if not c.passed]

    def summary(self, lang: str = "en") -> str:
        return catalogue(lang)("ruletest.summary") % {
            "passed": len(self.cases) - len(self.failed), "failed": len(self.failed)}

    def exit_code(self) -> int:
        return 1 if self.failed else 0


def _where(file: str, positions: Any, ypath: str) -> str:
    from ..inputs.loader import locate
    line, col = locate(positions or {}, ypath)
    return "%s:%d:%d" % (file, line, col or 1) if line is not None else file


def rule_ypath(spec: RuleSpec) -> str:
    """The YAML path (rules[i]) of a rule in its pack file, found by the rule's line."""
    positions = spec.positions or {}
    i = 0
    while "rules[%d]" % i in positions:
        if positions["rules[%d]" % i][0] == spec.rule.line:
            return "rules[%d]" % i
        i += 1
    return ""


Record = Callable[[List[Dict[str, Any]], str, Iterable[str]], None]


def example_cases(checker: DocumentChecker, specs: Iterable[RuleSpec],
                  record: Optional[Record] = None) -> List[CaseResult]:
    """Run the inline examples of each rule (each told to `record`, for coverage)."""
    out: List[CaseResult] = []
    for spec in specs:
        if spec.implicit:       # the comply-or-explain rules added to another pack: tested there
            continue
        base = rule_ypath(spec)
        for kind in ("fail", "pass"):
            for i, example in enumerate(spec.examples.get(kind) or []):
                ypath = "%s.examples.%s[%d]" % (base, kind, i)
                docs = example_initiatives(example)
                outcome = checker.fired(docs, "%s examples.%s[%d]" % (spec.id, kind, i),
                                        example_decisions(example), example_history(example))
                if record is not None:
                    record(docs, checker.date, outcome.fired)
                must = (spec.id,) if kind == "fail" else ()
                must_not = (spec.id,) if kind == "pass" else ()
                out.append(CaseResult(_where(spec.rule.file, spec.positions, ypath),
                                      "%s examples.%s[%d]" % (spec.id, kind, i), must, must_not,
                                      tuple(sorted(outcome.fired)), outcome.problems))
    return out


def test_files(paths: Sequence[str]) -> List[str]:
    """`*_test.yaml` files: given directly, under a given directory, or beside a given pack."""
    out: List[str] = []
    for p in map(pack_path, paths):
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
                out.extend(os.path.join(root, f) for f in sorted(files) if _is_test(f))
        elif _is_test(os.path.basename(p)):
            out.append(p)
        else:
            stem, ext = os.path.splitext(p)
            if os.path.isfile(stem + "_test" + ext):
                out.append(stem + "_test" + ext)
    seen: set = set()
    return [f for f in out if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


def _is_test(name: str) -> bool:
    stem, ext = os.path.splitext(name)
    return ext in RULE_FILE_SUFFIXES and stem.endswith("_test")



CASE_KEYS = ("name", "initiatives", "expect", "rules", "date")


def _ids(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def load_test_file(path: str, limits: Limits = DEFAULT_LIMITS
                   ) -> Tuple[Optional[Document], List[Problem]]:
    """A RuleTests document, checked for shape; problems make the input unusable (exit 2)."""
    try:
        doc = load_file(path, limits, display=display_name(path))
    except InputError as e:
        return None, [e.problem]
    data = doc.data
    problems: List[Problem] = []

    def bad(ypath: str, key: str, **values: Any) -> None:
        line, col = doc.position(ypath)
        problems.append(Problem.of(doc.file, said("ruletest." + key, **values), line, col, ypath))

    if not isinstance(data, dict) or data.get("kind") != "RuleTests":
        bad("kind", "kind")
        return None, problems
    if data.get("date") is not None and not _is_date(data["date"]):
        bad("date", "date")
    cases = data.get("cases")
    if not isinstance(cases, list) or not cases:
        bad("cases", "cases", shape="{name, initiatives, expect}")
        return None, problems
    for i, case in enumerate(cases):
        yp = "cases[%d]" % i
        if not isinstance(case, dict):
            bad(yp, "case", shape="{name, initiatives, expect, rules}")
            continue
        extra = set(case) - set(CASE_KEYS)
        if extra:
            bad(yp, "unknown_key", keys=", ".join(sorted(extra)), known=", ".join(CASE_KEYS))
        if "date" in case and not _is_date(case["date"]):
            bad(yp + ".date", "date")
        if not isinstance(case.get("name"), str):
            bad(yp + ".name", "name")
        inits = case.get("initiatives")
        if not isinstance(inits, list) or not inits or \
                not all(isinstance(x, dict) for x in inits):
            bad(yp + ".initiatives", "initiatives")
        if not _ids(case.get("expect")):
            bad(yp + ".expect", "expect")
        if "rules" in case and not _ids(case["rules"]):
            bad(yp + ".rules", "rules")
    return (None if problems else doc), problems


def _is_date(value: Any) -> bool:
    return is_date(value)


def file_cases(checker_on: Callable[[str], DocumentChecker], doc: Document, day: str,
               known: Iterable[str], record: Optional[Record] = None
               ) -> Tuple[List[CaseResult], List[Problem]]:
    """Run the cases of one test file: each on its own `date:`, else on `day`."""
    out: List[CaseResult] = []
    problems: List[Problem] = []
    known = set(known)
    for i, case in enumerate(doc.data["cases"]):
        yp = "cases[%d]" % i
        for key in ("expect", "rules"):
            for j, rid in enumerate(case.get(key) or []):
                if rid not in known:
                    line, col = doc.position("%s.%s[%d]" % (yp, key, j))
                    problems.append(Problem.of(doc.file, said("ruletest.unknown_rule",
                                                              rule=repr(rid)),
                                               line, col, "%s.%s[%d]" % (yp, key, j)))
        docs = [initiative(p, None if "id" in p else "INI-%02d" % (k + 1))
                for k, p in enumerate(case["initiatives"])]
        checker = checker_on(case.get("date") or day)
        outcome = checker.fired(docs, "%s %s" % (doc.file, yp))
        fired = set(outcome.fired)
        if record is not None:
            record(docs, checker.date, fired)
        look = set(case["rules"]) if "rules" in case else known
        expected = tuple(sorted(case["expect"]))
        forbidden = tuple(sorted((look & fired) - set(expected)))
        out.append(CaseResult(_where(doc.file, doc.positions, yp), case["name"], expected,
                              forbidden, tuple(sorted(fired & look)), outcome.problems))
    return out, problems


def own_specs(ruleset: RuleSet) -> List[RuleSpec]:
    """The rules of the packs given, without those of the packs they extend: an extended pack's
    examples are its own maintainer's (and may need rules the extending pack leaves out)."""
    extended = [os.path.realpath(p.folder) + os.sep for p in ruleset.packs.values()
                if not p.given]
    return [s for s in ruleset.specs
            if not any(os.path.realpath(s.rule.file).startswith(e) for e in extended)]


def inline_examples(ruleset: RuleSet, date: Optional[str],
                    checker_on: Callable[[str], DocumentChecker],
                    keep: Callable[[RuleSpec], bool] = lambda spec: True,
                    record: Optional[Record] = None) -> List[CaseResult]:
    """The inline examples of the packs' own rules (those `keep` picks), run on `date` (the
    default date when None).  A rule's inline examples show what it does while in force: a rule
    not yet (or no longer) in force on the date runs its examples on the first (or last) day of
    its validity."""
    from .examples import DEFAULT_DATE
    main_date = date or DEFAULT_DATE
    by_validity: Dict[str, List[RuleSpec]] = {}
    for spec in own_specs(ruleset):
        if not keep(spec):
            continue
        day = main_date
        if spec.valid_from is not None and main_date < spec.valid_from:
            day = spec.valid_from
        elif spec.valid_until is not None and main_date > spec.valid_until:
            day = spec.valid_until
        by_validity.setdefault(day, []).append(spec)
    cases: List[CaseResult] = []
    for day, specs in sorted(by_validity.items()):
        cases.extend(example_cases(checker_on(day), specs, record))
    return cases


def run_tests(ruleset: RuleSet, paths: Sequence[str], date: Optional[str],
              limits: Limits = DEFAULT_LIMITS, record: Optional[Record] = None
              ) -> Tuple[Optional[Report], List[Problem]]:
    """Every example and test case of the packs at `paths` (the default pack when empty).

    A case's own `date:` always wins (the case is written for it); a test file's `date:` wins
    over `date` unless `date` was given explicitly; without either the default date is used.
    Problems mean unusable input: no report then.
    """
    from .examples import DEFAULT_DATE
    docs: List[Document] = []
    problems: List[Problem] = []
    for f in test_files(list(paths) or [default_pack_dir()]):
        doc, found = load_test_file(f, limits)
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    if problems:
        return None, problems
    cases: List[CaseResult] = []
    checkers: Dict[str, DocumentChecker] = {}

    def checker_on(day: str) -> DocumentChecker:
        if day not in checkers:     # one compiled rule set per date, made when first needed
            checkers[day] = DocumentChecker(ruleset, day)
        return checkers[day]

    try:
        cases.extend(inline_examples(ruleset, date, checker_on, record=record))
        known = [s.id for s in ruleset.specs]
        for d in docs:
            found_cases, found = file_cases(checker_on, d, date or d.data.get("date") or
                                            DEFAULT_DATE, known, record)
            cases.extend(found_cases)
            problems.extend(found)
    finally:
        for checker in checkers.values():
            checker.close()
    if problems:
        return None, problems
    return Report(cases), []
