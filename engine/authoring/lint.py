"""`idm rules lint`: every problem of rule packs and coverage profiles, one positioned line each.

Every error comes from rulepack.load_ruleset_collecting (schema, operators, field paths with "did
you mean", types, regexes, duplicate ids, unused predicates, and packcheck's texts, placeholders
and validity windows), so `idm check` and `idm rules test` refuse exactly what lint rejects.  This
module adds the warnings: rules without examples.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from ..errors import Problem
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits
from ..messages import placeholders as message_placeholders
from ..pack.rulepack import RuleSet, RuleSpec, load_documents, load_ruleset_collecting



@dataclass(frozen=True)
class LintProblem:
    """One line of lint output; `level` is error or warning."""

    file: str
    line: Optional[int]
    column: Optional[int]
    path: str
    message: str
    level: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else "%s:%d:%d" % (self.file, self.line,
                                                                   self.column or 1)
        what = "%s: %s" % (self.path, self.message) if self.path else self.message
        return "%s: %s: %s" % (where, self.level, what)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.path, self.message)


@dataclass
class LintResult:
    problems: List[LintProblem]
    unusable: List[Problem]           # files that could not be read or parsed (exit 2)
    rules: int = 0
    files: int = 0

    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level == "warning")

    def summary(self) -> str:
        if self.unusable:
            return "%d file(s) could not be read" % len(self.unusable)
        return "%d error(s), %d warning(s) in %d rule(s) of %d file(s)" % (
            self.errors(), self.warnings(), self.rules, self.files)

    def exit_code(self) -> int:
        if self.unusable:
            return 2
        return 1 if self.errors() else 0     # warnings are shown but do not fail


def _from(p: Problem) -> LintProblem:
    return LintProblem(p.file, p.line, p.column, p.path, p.message)


def lint(paths: Sequence[str], limits: Limits = DEFAULT_LIMITS) -> LintResult:
    """Lint the packs at `paths` (the default pack when empty)."""
    docs, unreadable = load_documents(list(paths) or _default(), limits)
    if unreadable:
        return LintResult([], unreadable)
    ruleset, problems = load_ruleset_collecting(list(paths) or None, limits)
    out = [_from(p) for p in problems]
    specs = {(s.rule.file, s.id): s for s in ruleset.specs}
    count = 0
    for doc in docs:
        if not isinstance(doc.data, dict) or doc.data.get("kind") != "RulePack":
            continue
        for i, raw in enumerate(doc.data.get("rules") or []):
            if not isinstance(raw, dict):
                continue
            count += 1
            spec = specs.get((doc.file, raw.get("id")))
            out.extend(_rule_problems(doc, "rules[%d]" % i, raw, spec))
    out = sorted(set(out), key=LintProblem.sort_key)
    return LintResult(out, [], count, len(docs))


def _default() -> List[str]:
    from ..pack.rulepack import default_pack_dir
    return [default_pack_dir()]


def _rule_problems(doc: Document, ypath: str, raw: Dict[str, Any],
                   spec: Optional[RuleSpec]) -> List[LintProblem]:
    """Warnings only: the errors of a rule come from loading it (packcheck), so that every
    command refuses what lint rejects."""
    out: List[LintProblem] = []
    for name in ("rationale", "remediation"):
        if raw.get(name) is None:
            line, col = doc.position(ypath)
            out.append(LintProblem(doc.file, line, col, ypath, "rule %s has no %s (write it in "
                                   "en and nl; explain and the reports show it)"
                                   % (raw.get("id", "?"), name), "warning"))
    if spec is not None and spec.aggregate is None:
        examples = raw.get("examples") or {}
        for kind in ("fail", "pass"):
            if not (isinstance(examples, dict) and examples.get(kind)):
                line, col = doc.position(ypath)
                out.append(LintProblem(doc.file, line, col, ypath, "rule %s has no %s example "
                                       "(idm rules test runs them)" % (raw.get("id", "?"), kind),
                                       "warning"))
    return out


def placeholders(text: str) -> Set[str]:
    """The first names of `{name}` placeholders in a message (`{{` is a literal brace)."""
    return {name.split(".")[0].split("[")[0] for name in message_placeholders(text)}
