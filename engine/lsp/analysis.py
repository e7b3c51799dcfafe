"""Diagnostics: the engine's own input errors, findings and lint problems, placed on the text.

Nothing is validated here: an initiative goes through the per-input task of `idm check`
(authoring.examples.DocumentChecker), a pack through `idm rules lint` (authoring.lint), a project
file through the loading of the project's packs (pack.project); this module only turns what
they say into ranges, severities, codes and suggestions.  Unsaved texts are read from memory
(inputs.loader.reading_unsaved); every result stays in memory.
"""
from __future__ import annotations

import ast
import datetime as _dt
import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ..authoring.examples import DocumentChecker
from ..errors import InputError, Problem
from ..i18n import Said
from ..inputs.config import find_config, load_config
from ..inputs.loader import (DEFAULT_LIMITS, Document, Limits, parse_yaml, read_text,
                             reading_unsaved)
from ..model import Finding, RunResult
from ..report import labels
from ..report.options import DEFAULT_RULES_DOC_URL
from ..report.sarif import help_uri
from . import documents


@dataclass(frozen=True)
class Diag:
    """One diagnostic, 0-based range as LSP counts (characters of the line)."""

    line: int
    character: int
    end_line: int
    end_character: int
    severity: str                   # error, warning, info
    message: str
    code: Optional[str] = None      # the rule id of a finding
    href: Optional[str] = None      # the rule's documentation
    suggestion: Optional[str] = None   # "did you mean": the replacement of the range
    path: str = ""                  # the field path the engine named


def _hint(said: Optional[Said]) -> Optional[str]:
    """The name a "did you mean" message suggests, from the message's own values."""
    if said is None:
        return None
    for key, value in said.values:
        if isinstance(value, Said):
            found = _hint(value)
            if found:
                return found
        elif key in ("hint", "name") and said.key.endswith(("_hint", "did_you_mean")) \
                and isinstance(value, str):
            try:
                shown = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                shown = value
            return shown if isinstance(shown, str) else None
    return None


def _last_key(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("]"))
    return path[cut + 1:] if cut >= 0 else path


def place(lines: Sequence[str], line: Optional[int], column: Optional[int], path: str,
          key_only: bool = False) -> Tuple[int, int, int, int]:
    """The range of the value (or only the key) the engine's 1-based (line, column) points at."""
    if not line:
        return 0, 0, 0, len(lines[0]) if lines else 0
    i = min(line, len(lines)) - 1
    text = lines[i] if lines else ""
    start = max(0, (column or 1) - 1)
    key = _last_key(path)
    if key and text[start:start + len(key)] == key and key_only:
        return i, start, i, start + len(key)
    end = len(text.split(" #", 1)[0].rstrip()) if text.strip() else len(text)
    return i, start, i, max(end, start)


def word_range(lines: Sequence[str], line: Optional[int], column: Optional[int], path: str,
               hint: Optional[str]) -> Tuple[int, int, int, int]:
    """The range of a problem; with a "did you mean" hint, of the word on its line the hint
    would replace (the closest word at or after the engine's column that is not the hint)."""
    whole = place(lines, line, column, path)
    if hint is None or not line:
        return whole
    i, start = whole[0], whole[1]
    best: Tuple[float, int, int] = (0.0, -1, -1)
    for m in re.finditer(r"[A-Za-z0-9_\-]+", lines[i][start:] if i < len(lines) else ""):
        if m.group(0) != hint:
            score = difflib.SequenceMatcher(None, m.group(0), hint).ratio()
            if score > best[0]:
                best = (score, start + m.start(), start + m.end())
    return (i, best[1], i, best[2]) if best[1] >= 0 else whole


def _from_problem(p: Problem, lines: Sequence[str], lang: str) -> Diag:
    hint = _hint(p.said)
    line, char, end_line, end_char = word_range(lines, p.line, p.column, p.path, hint)
    return Diag(line, char, end_line, end_char, "error", p.text(lang), suggestion=hint,
                path=p.path)


def _from_finding(f: Finding, run: RunResult, lines: Sequence[str], lang: str,
                  doc_url: str = DEFAULT_RULES_DOC_URL) -> Diag:
    line, char, end_line, end_char = place(lines, f.line, f.column, f.path)
    rule = run.rules.get(f.rule)
    href = help_uri(rule, doc_url) if rule is not None else None
    message = labels.text(f.message, lang) if hasattr(f.message, "get") else str(f.message)
    return Diag(line, char, end_line, end_char, f.severity.name, message, f.rule, href,
                path=f.path)


@dataclass
class Project:
    """The rule set in force for a folder: from its `.idm.yaml` and lock, else the bundled pack;
    compiled once and kept until a pack, project or lock file is saved."""

    config: Optional[str]
    ruleset: Any
    problems: List[Problem]
    date: str
    checker: Optional[DocumentChecker] = None
    doc_url: str = DEFAULT_RULES_DOC_URL   # the project's rules-doc-url: where rules are documented

    def check(self, doc: Document) -> RunResult:
        if self.checker is None:
            self.checker = DocumentChecker(self.ruleset, self.date)
        return self.checker.check_documents([doc])

    def close(self) -> None:
        if self.checker is not None:
            self.checker.close()
            self.checker = None


def load_project(folder: str, date: Optional[str] = None, limits: Limits = DEFAULT_LIMITS,
                 unsaved: Mapping[str, str] = {}) -> Project:
    """The project of `folder`, as `idm check` run there would load it (unsaved texts first)."""
    from ..pack.project import project_ruleset
    day = date or _dt.date.today().isoformat()
    with reading_unsaved(unsaved):
        try:
            path = find_config(folder)
        except InputError as e:
            return Project(None, _bundled(day, limits), [e.problem], day)
        config = None
        if path is not None:
            config, problems = load_config(path)
            if config is None:
                return Project(path, _bundled(day, limits), problems, day)
        rules = list(config.get("rules") or []) if config is not None else []
        ruleset, problems = project_ruleset(rules, False, config, day, limits)
    if ruleset is None:
        return Project(path, _bundled(day, limits), problems, day)
    doc_url = config.get("rules-doc-url") if config is not None else None
    return Project(path, ruleset, problems, day, doc_url=doc_url or DEFAULT_RULES_DOC_URL)


def _bundled(day: str, limits: Limits) -> Any:
    """The bundled pack: what a file is checked against while its project's packs cannot load."""
    from ..pack.project import project_ruleset
    return project_ruleset([], False, None, day, limits)[0]


def _same(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def initiative_diagnostics(project: Project, path: str, text: str, lang: str = "en",
                           limits: Limits = DEFAULT_LIMITS,
                           portfolio: Iterable[Diag] = ()) -> List[Diag]:
    """Every input error of the initiative `text` (saved at `path`) and every finding of the
    project's rules on it: what `idm check` would say about that file."""
    lines = text.splitlines() or [""]
    try:   # as bytes read from disk: the same limits and encoding checks
        doc = parse_yaml(path, read_text(path, text.encode("utf-8", "surrogatepass"), limits),
                         limits)
    except InputError as e:
        return [_from_problem(e.problem, lines, lang)]
    run = project.check(doc)      # validated as `idm check` does (declared fields included)
    out = [_from_problem(p, lines, lang) for p in run.errors]
    for result in run.initiatives:
        out += [_from_finding(f, run, lines, lang, project.doc_url) for f in result.findings
                if not f.waived and not f.baselined]
    return out + list(portfolio)


def pack_root(path: str) -> str:
    """What `idm rules lint` is run on for a pack file: the pack's folder (the nearest one up
    holding pack.yaml, at most three levels); without a manifest the file's folder when it holds
    pack files only (a pack of several RulePack files, such as the bundled one), else the file
    alone."""
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(4):
        if os.path.isfile(os.path.join(folder, "pack.yaml")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    folder = os.path.dirname(os.path.abspath(path))
    return folder if _only_packs(folder) else os.path.abspath(path)


def _only_packs(folder: str, most: int = 200) -> bool:
    try:
        names = [n for n in os.listdir(folder) if n.endswith((".yaml", ".yml"))]
    except OSError:
        return False
    if len(names) > most:
        return False
    for name in names:
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as fh:
                head = fh.read(20000)
        except OSError:
            return False
        if documents.kind_of(name, head) not in documents.PACK_FILES:
            return False
    return True


def pack_diagnostics(path: str, text: str, lang: str = "en", limits: Limits = DEFAULT_LIMITS,
                     unsaved: Mapping[str, str] = {}) -> List[Diag]:
    """Every lint error and warning of the pack that holds `path` (its unsaved text included)
    that falls in that file: `idm rules lint` on the pack, failing inline examples included."""
    from ..authoring.lint import lint
    lines = text.splitlines() or [""]
    texts = dict(unsaved)
    texts[os.path.abspath(path)] = text
    with reading_unsaved(texts):
        found = lint([pack_root(path)], limits)
    out = [_from_problem(p, lines, lang) for p in found.unusable if _same(p.file, path)]
    for p in found.problems:
        if not _same(p.file, path):
            continue
        hint = _hint(p.said)
        line, char, end_line, end_char = word_range(lines, p.line, p.column, p.path, hint)
        message = p.said.text(lang) if p.said is not None else p.message
        out.append(Diag(line, char, end_line, end_char, p.level, message, suggestion=hint,
                        path=p.path))
    if not found.unusable and not found.errors():
        with reading_unsaved(texts):
            out += _failing_examples(path, lines, lang, limits)
    return out


def _failing_examples(path: str, lines: Sequence[str], lang: str, limits: Limits
                      ) -> List[Diag]:
    """The inline examples of the file's rules that do not do what they say (`idm rules
    test`), each at its example; run only on a pack without lint errors."""
    from ..authoring.examples import DocumentChecker
    from ..authoring.ruletest import inline_examples
    from ..pack.rulepack import load_ruleset_collecting
    ruleset, problems = load_ruleset_collecting([pack_root(path)], limits)
    if problems:
        return []
    checkers: Dict[str, DocumentChecker] = {}

    def checker_on(day: str) -> DocumentChecker:
        if day not in checkers:
            checkers[day] = DocumentChecker(ruleset, day)
        return checkers[day]
    try:
        cases = inline_examples(ruleset, None, checker_on,
                                lambda spec: _same(spec.rule.file, path))
    finally:
        for checker in checkers.values():
            checker.close()
    out = []
    for case in cases:
        if case.passed:
            continue
        parts = case.where.rsplit(":", 2)
        line = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None
        column = int(parts[2]) if line is not None and parts[2].isdigit() else None
        at = place(lines, line, column, "")
        out.append(Diag(at[0], at[1], at[2], at[3], "error", case.explain(lang)))
    return out


def project_diagnostics(path: str, text: str, lang: str = "en", limits: Limits = DEFAULT_LIMITS,
                        unsaved: Mapping[str, str] = {}) -> List[Diag]:
    """The problems of a project (`.idm.yaml`) or lock file: those loading the project's packs
    finds in it."""
    lines = text.splitlines() or [""]
    texts = dict(unsaved)
    texts[os.path.abspath(path)] = text
    project = load_project(os.path.dirname(os.path.abspath(path)), None, limits, texts)
    project.close()
    return [_from_problem(p, lines, lang) for p in project.problems if _same(p.file, path)]


def portfolio_diagnostics(project: Project, folder: str, lang: str = "en",
                          limits: Limits = DEFAULT_LIMITS) -> Dict[str, List[Diag]]:
    """The portfolio rules' findings on the initiatives under `folder` (run on save), by real
    path of the file each is placed in; results stay in memory (no spool files)."""
    from ..check.run import check
    run = check([folder], project.ruleset, project.date, None, limits, keep_documents=False,
                spool_after=1 << 30)
    rules = {s.id for s in project.ruleset.specs
             if s.pairs is not None or s.aggregate is not None}
    out: Dict[str, List[Diag]] = {}
    texts: Dict[str, List[str]] = {}
    # A pair or group rule's findings are placed on each initiative of the pair; an aggregate's
    # on the portfolio (at the file its message names, if any).
    found = [f for r in run.initiatives for f in r.findings if f.rule in rules]
    for f in found + list(run.portfolio_findings):
        if not f.file or f.waived:
            continue
        real = os.path.realpath(f.file)
        if real not in texts:
            try:
                with open(real, encoding="utf-8", errors="replace") as fh:
                    texts[real] = fh.read().splitlines() or [""]
            except OSError:
                continue
        out.setdefault(real, []).append(_from_finding(f, run, texts[real], lang,
                                                      project.doc_url))
    return out


def diagnostics_for(kind: Optional[str], path: str, text: str, project: Optional[Project],
                    lang: str = "en", unsaved: Mapping[str, str] = {},
                    portfolio: Iterable[Diag] = ()) -> List[Diag]:
    """The diagnostics of any idm file; none for a file that is not one."""
    if kind == documents.INITIATIVE and project is not None:
        return initiative_diagnostics(project, path, text, lang, portfolio=portfolio)
    if kind in documents.PACK_FILES:
        return pack_diagnostics(path, text, lang, unsaved=unsaved)
    if kind in (documents.PROJECT, documents.LOCK):
        return project_diagnostics(path, text, lang, unsaved=unsaved)
    return []


__all__ = ["Diag", "Project", "diagnostics_for", "initiative_diagnostics", "load_project",
           "pack_diagnostics", "portfolio_diagnostics", "project_diagnostics"]
