"""`idm rules lint`: every problem of rule packs and coverage profiles, one positioned line each.

Every error comes from rulepack.load_ruleset_collecting (schema, operators, field paths with "did
you mean", types, regexes, duplicate ids, unused predicates, and packcheck's texts, placeholders
and validity windows), so `idm check` and `idm rules test` refuse exactly what lint rejects.  This
module adds the warnings: rules without examples.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Set

from ..errors import Problem
from ..i18n import LANGS, Said, catalogue, said
from ..inputs.fields import NONE, DeclaredFields
from ..inputs.loader import DEFAULT_LIMITS, Document, Limits
from ..messages import placeholders as message_placeholders
from ..pack.packcheck import TEXT_FIELDS
from ..pack.rulepack import RuleSpec, load_documents, load_ruleset_collecting



@dataclass(frozen=True)
class LintProblem:
    """One line of lint output; `level` is error or warning."""

    file: str
    line: Optional[int]
    column: Optional[int]
    path: str
    message: str                 # in English
    level: str = "error"
    said: Optional[Said] = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return self.line_in("en")

    def line_in(self, lang: str) -> str:
        """`file:line:col: level: path: message` with the message in `lang`."""
        where = self.file if self.line is None else "%s:%d:%d" % (self.file, self.line,
                                                                   self.column or 1)
        message = self.said.text(lang) if self.said is not None else self.message
        what = "%s: %s" % (self.path, message) if self.path else message
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

    def summary(self, lang: str = "en") -> str:
        words = catalogue(lang)
        if self.unusable:
            return words.plural("lint.unreadable", len(self.unusable)) % len(self.unusable)
        counts = {"errors": self.errors(), "warnings": self.warnings(), "rules": self.rules,
                  "files": self.files}
        return words("lint.summary") % {k: words.plural("lint.count." + k, n) % n
                                        for k, n in counts.items()}

    def exit_code(self) -> int:
        if self.unusable:
            return 2
        return 1 if self.errors() else 0     # warnings are shown but do not fail


def _from(p: Problem) -> LintProblem:
    return LintProblem(p.file, p.line, p.column, p.path, p.message, said=p.said)


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
            out.extend(_example_problems(doc, "rules[%d]" % i, raw, ruleset.fields))
    out.extend(_test_case_problems(list(paths) or _default(), limits, ruleset.fields))
    out = sorted(set(out), key=LintProblem.sort_key)
    return LintResult(out, [], count, len(docs))


def _invalid(doc: Document, ypath: str, partial: Any, many: bool,
             fields: DeclaredFields = NONE) -> List[LintProblem]:
    """Errors at `ypath` of `doc` when the example there is not a valid initiative (each of its
    `initiatives` when `many`): an example must be a document a user could write, with the
    format's fields and those the packs declare (`fields`)."""
    from ..inputs import validate
    from ..inputs.loader import join_path
    from .examples import example_initiatives
    out: List[LintProblem] = []
    docs = example_initiatives({"initiatives": partial} if many else partial)
    for k, data in enumerate(docs):
        base = "%s[%d]" % (ypath, k) if many else ypath
        for p in validate.problems(Document(doc.file, data, {}), "initiative", fields):
            where = join_path(base, p.path) if p.path else base
            line, col = doc.position(where)
            if line is None:
                line, col = doc.position(base)
            message = said("lint.invalid_example", path=p.path or "-",
                           problem=p.said if p.said is not None else p.message)
            out.append(LintProblem(doc.file, line, col, where, message.text("en"), "error",
                                   message))
    return out


def _example_problems(doc: Document, ypath: str, raw: Dict[str, Any],
                      fields: DeclaredFields = NONE) -> List[LintProblem]:
    out: List[LintProblem] = []
    examples = raw.get("examples")
    if not isinstance(examples, dict):
        return out
    for kind in ("fail", "pass"):
        for j, example in enumerate(examples.get(kind) or []):
            yp = "%s.examples.%s[%d]" % (ypath, kind, j)
            if isinstance(example, dict) and isinstance(example.get("initiatives"), list):
                out += _invalid(doc, yp + ".initiatives", example["initiatives"], True, fields)
            else:
                out += _invalid(doc, yp, example, False, fields)
    return out


def _test_case_problems(paths: Sequence[str], limits: Limits, fields: DeclaredFields = NONE
                        ) -> List[LintProblem]:
    """The initiatives of every `*_test.yaml` case beside the packs, checked like examples; a
    test file that is not a RuleTests document is left to `idm rules test`."""
    from .ruletest import load_test_file, test_files
    out: List[LintProblem] = []
    for path in test_files(paths):
        doc, _ = load_test_file(path, limits)
        if doc is None:
            continue
        for i, case in enumerate(doc.data["cases"]):
            out += _invalid(doc, "cases[%d].initiatives" % i, case["initiatives"], True,
                            fields)
    return out


def _default() -> List[str]:
    from ..pack.rulepack import default_pack_dir
    return [default_pack_dir()]


def _rule_problems(doc: Document, ypath: str, raw: Dict[str, Any],
                   spec: Optional[RuleSpec]) -> List[LintProblem]:
    """Warnings only: the errors of a rule come from loading it (packcheck), so that every
    command refuses what lint rejects."""
    out: List[LintProblem] = []

    def warn(path: str, message: Said) -> None:
        line, col = doc.position(path)
        out.append(LintProblem(doc.file, line, col, path, message.text("en"), "warning",
                               message))

    rule = str(raw.get("id", "?"))
    for name in ("rationale", "remediation"):
        if raw.get(name) is None:
            warn(ypath, said("lint.no_text", rule=rule, field=name))
    for name in TEXT_FIELDS:
        value = raw.get(name)
        if isinstance(value, dict) and isinstance(value.get("en"), str):
            for lang in LANGS[1:]:
                text = value.get(lang)
                if not isinstance(text, str) or not text.strip():
                    warn("%s.%s" % (ypath, name), said("lint.untranslated", rule=rule,
                                                       field=name, lang=lang))
            for lang in sorted(set(value) - set(LANGS)):
                warn("%s.%s" % (ypath, name), said("lint.unknown_language", rule=rule,
                                                   field=name, lang=lang, langs=", ".join(LANGS)))
    if spec is not None and spec.aggregate is None:
        examples = raw.get("examples") or {}
        for kind in ("fail", "pass"):
            if not (isinstance(examples, dict) and examples.get(kind)):
                warn(ypath, said("lint.no_example", rule=rule, kind=kind))
    return out


def placeholders(text: str) -> Set[str]:
    """The first names of `{name}` placeholders in a message (`{{` is a literal brace)."""
    return {name.split(".")[0].split("[")[0] for name in message_placeholders(text)}
