"""Rule examples and test cases as initiatives: partial documents merged onto a minimal one
(docs/rule-language.md, "Examples and tests"), and an in-memory check of such documents."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from ..check.collect import Checking
from ..check.decisions import DecisionRules, path_tests
from ..check.run import judge_decisions
from ..check.task import Task
from ..errors import Problem
from ..inputs.decisions import Decision, decision_of, unique
from ..inputs.initiatives import Loaded, validated
from ..inputs.loader import Document
from ..model import RunResult
from ..pack.rulepack import RuleSet

MINIMAL: Mapping[str, Any] = {"apiVersion": "idm/v1", "kind": "Initiative", "id": "INI-TEST",
                              "title": "Testinitiatief"}
DEFAULT_DATE = "2026-11-22"   # the date the default pack's examples assume


def merge(base: Any, extra: Any) -> Any:
    """Deep-merge mappings; anything else in `extra` replaces (null included)."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = merge(base[k], v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(extra)


def initiative(partial: Any, ident: Optional[str] = None) -> Dict[str, Any]:
    """A whole initiative from a partial one: the partial merged onto MINIMAL."""
    doc = merge(dict(MINIMAL), partial or {})
    if ident is not None:
        doc["id"] = ident
    return doc


# The decision an example of a decision rule starts from (docs/decisions.md).
MINIMAL_DECISION: Mapping[str, Any] = {"apiVersion": "idm/v1", "kind": "Decision",
                                       "id": "BES-TEST", "initiative": "INI-TEST",
                                       "date": "2026-10-01", "body": "Architectuurboard",
                                       "outcome": "approved-with-conditions"}
_BESIDE = ("decisions", "history")   # keys of an example that are no part of an initiative


def example_decisions(example: Any) -> List[Dict[str, Any]]:
    """The board decisions of one example (`decisions:`), each merged onto MINIMAL_DECISION."""
    if not isinstance(example, dict) or not isinstance(example.get("decisions"), list):
        return []
    return [merge(dict(MINIMAL_DECISION, id="BES-%02d" % (i + 1)), p)
            for i, p in enumerate(example["decisions"])]


def example_history(example: Any) -> Tuple[Optional[Set[int]], Optional[Set[str]]]:
    """The runs and dossier digests an example's history store holds (`history: {runs,
    digests}`); (None, None) without one."""
    h = example.get("history") if isinstance(example, dict) else None
    if not isinstance(h, dict):
        return None, None
    return set(h.get("runs") or ()), set(h.get("digests") or ())


def example_initiatives(example: Any) -> List[Dict[str, Any]]:
    """The initiatives of one example: a portfolio example lists them under `initiatives`."""
    if isinstance(example, dict) and any(k in example for k in _BESIDE):
        example = {k: v for k, v in example.items() if k not in _BESIDE}
    if isinstance(example, dict) and isinstance(example.get("initiatives"), list):
        return [initiative(p, None if isinstance(p, dict) and "id" in p else "INI-%02d" % (i + 1))
                for i, p in enumerate(example["initiatives"])]
    return [initiative(example)]


@dataclass
class Outcome:
    """What fired on one case: rule ids, and the problems that kept documents from being checked."""

    fired: Set[str]
    problems: List[Problem]


class DocumentChecker:
    """Checks in-memory initiatives against one rule set on one date, through the same per-input
    task as `idm check` (engine.check.task).

    The rule set is compiled and its durable_rules rulesets are created once, so hundreds of
    examples cost one evaluation each rather than one compilation each (`idm rules test`).
    """

    def __init__(self, ruleset: RuleSet, date: str):
        self.ruleset = ruleset
        self.date = date
        self._checking = Checking(ruleset, date)
        self._docs: List[Document] = []
        self._task = Task(self._checking, self._validated)

    def _validated(self, i: int) -> Tuple[Optional[Loaded], List[Problem]]:
        return validated(self._docs[i], fields=self.ruleset.fields)

    def close(self) -> None:
        self._task.close()

    def __enter__(self) -> "DocumentChecker":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def check(self, docs: Sequence[Dict[str, Any]], file: str = "<example>",
              decisions: Sequence[Dict[str, Any]] = (),
              history: Tuple[Optional[Set[int]], Optional[Set[str]]] = (None, None)
              ) -> RunResult:
        """The run result of these initiatives and board decisions, as
        `engine.check.run.check` would give for files."""
        # Positions are unknown for generated documents; findings point at no line.
        result = self.check_documents([Document("%s#%d" % (file, i + 1) if len(docs) > 1
                                                else file, data, {})
                                       for i, data in enumerate(docs)])
        if decisions:
            self._decide(result, decisions, file, history)
        return result

    def check_documents(self, docs: Sequence[Document]) -> RunResult:
        """The run result of parsed documents (with their positions), as for files: input
        errors in `errors`, findings at their lines (the language server's diagnostics)."""
        self._docs = list(docs)
        collect = self._checking.collector(len(docs), lambda i: self._docs[i].file)
        for i in range(len(docs)):
            collect(i, self._task(i))
        result = collect.result()
        result.tool_version = ""
        return result

    def _decide(self, result: RunResult, decisions: Sequence[Dict[str, Any]], file: str,
                history: Tuple[Optional[Set[int]], Optional[Set[str]]]) -> None:
        found: List[Decision] = []
        for k, data in enumerate(decisions):
            d, problems = decision_of(Document("%s#decision%d" % (file, k + 1), data, {}))
            result.errors.extend(problems)
            if d is not None:
                found.append(d)
        found = unique(found, result.errors)
        found, tests, bad = path_tests(self.ruleset, found)
        result.errors.extend(bad)
        runs, digests = history
        judge_decisions(result, DecisionRules(self.ruleset, self.date, tests), found,
                        None if runs is None else runs.__contains__,
                        None if digests is None else digests.__contains__)

    def fired(self, docs: Sequence[Dict[str, Any]], file: str = "<example>",
              decisions: Sequence[Dict[str, Any]] = (),
              history: Tuple[Optional[Set[int]], Optional[Set[str]]] = (None, None)
              ) -> Outcome:
        """The ids of the rules that report a finding (waived or not) on these initiatives and
        decisions."""
        result = self.check(docs, file, decisions, history)
        return Outcome({f.rule for f in result.all_findings()}, list(result.errors))
