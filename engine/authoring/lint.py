"""`idm rules lint`: every problem of rule packs and coverage profiles, one positioned line each.

What the loader finds (schema, operators, field paths with "did you mean", types, regexes,
duplicate ids) comes from rulepack.load_ruleset_collecting; this module adds the checks of the
authoring issue that the loader need not make to run a pack: both languages present, titled
references (the schema requires a non-empty title; a blank one is caught here), message placeholders that the rule can fill, and examples present.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from ..errors import Problem
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits
from ..model import LANGS
from ..pack.rulepack import RuleSet, RuleSpec, load_documents, load_ruleset_collecting

TEXT_FIELDS = ("title", "message", "rationale", "remediation")


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
    out: List[LintProblem] = []

    def add(path: str, message: str, level: str = "error") -> None:
        line, col = doc.position(path)
        out.append(LintProblem(doc.file, line, col, path, message, level))

    rid = raw.get("id", "?")
    for name in TEXT_FIELDS:
        value = raw.get(name)
        if value is None:
            if name in ("rationale", "remediation"):
                add(ypath, "rule %s has no %s (write it in en and nl)" % (rid, name))
            continue
        if not isinstance(value, dict):
            continue        # the schema already refuses it
        for lang in LANGS:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                add("%s.%s" % (ypath, name), "%s has no %r text" % (name, lang))
    for i, ref in enumerate(raw.get("references") or []):
        # An absent or empty title is a schema error already; a blank one is not.
        title = ref.get("title") if isinstance(ref, dict) else None
        if isinstance(title, str) and title and not title.strip():
            add("%s.references[%d].title" % (ypath, i), "a reference needs a title")
    if spec is not None:
        allowed = fillable(spec)
        message = raw.get("message") if isinstance(raw.get("message"), dict) else {}
        for lang in LANGS:
            for name in sorted(placeholders(message.get(lang) or "") - allowed):
                add("%s.message.%s" % (ypath, lang), "placeholder {%s} cannot be filled by "
                    "this rule (it can use: %s)" % (name, ", ".join(sorted(allowed))))
        if spec.aggregate is None:
            examples = raw.get("examples") or {}
            for kind in ("fail", "pass"):
                if not (isinstance(examples, dict) and examples.get(kind)):
                    add(ypath, "rule %s has no %s example (idm rules test runs them)"
                        % (rid, kind), "warning")
    return out


def placeholders(text: str) -> Set[str]:
    """The names of `{name}` placeholders in a message (`{{` is a literal brace)."""
    try:
        return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(text)
                if f}
    except ValueError:
        return set()


def fillable(spec: RuleSpec) -> Set[str]:
    """The placeholders that engine.check.run fills for this rule (docs/rule-language.md)."""
    names = {"value", "missing"} | set(spec.params)
    if any(mode == "entries" for mode, _ in spec.for_each):
        names.add("key")
    if spec.pairs is not None:
        names.add("others")
    if spec.aggregate is not None:
        names = set(spec.params) | {n for n, _ in spec.aggregate.sums}
        if spec.aggregate.count:
            names.add(spec.aggregate.count)
    return names
