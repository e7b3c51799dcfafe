"""The format-neutral result model: rules, findings, coverage, run results.  No I/O here."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from .errors import Problem
from .i18n import LANGS, catalogue, cut_more, known, long_date, number, others_more
from .messages import render as render_message


# The seven domains of the Integraal Digitaliseringsmodel plus its "when" dimension, in the
# model's order.
DOMAINS = ("legacy", "results", "stakeholders", "direction", "design", "operations",
           "principles", "cadence")
CATEGORIES = ("legislation", "business", "information", "technology", "coverage", "portfolio")


class Severity(enum.IntEnum):
    info = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text]


Text = Mapping[str, str]  # {"en": ..., "nl": ...}


@dataclass(frozen=True)
class Reference:
    title: str
    url: Optional[str] = None
    lang: Optional[str] = None    # the language of the title, when the pack says


@dataclass(frozen=True)
class Rule:
    """A rule's metadata as the reporters see it; its condition lives in the compiled pack."""

    id: str
    title: Text
    message: Text
    category: str
    domain: str
    severity: Severity
    rationale: Text
    remediation: Text
    references: Tuple[Reference, ...] = ()
    pack: str = ""
    file: str = ""
    line: Optional[int] = None
    waivable: bool = True
    portfolio_level: bool = False


@dataclass(frozen=True)
class Override:
    """A project's decision on one rule (`.idm.yaml` overrides): its severity changed or the rule
    switched off, with the reason and who approved it.  `lapsed`: its `until` is before the
    evaluation date, so it is not applied (docs/design/packs.md §5)."""

    rule: str
    default: Severity                  # the pack's severity
    severity: Optional[Severity]       # the severity in force; None when disabled
    enabled: bool
    reason: str
    approved_by: str
    until: Optional[str] = None
    lapsed: bool = False

    def to_dict(self) -> Dict[str, Any]:
        return {"rule": self.rule, "enabled": self.enabled,
                "severity": self.severity.name if self.severity is not None else None,
                "severity_default": self.default.name, "reason": self.reason,
                "approved_by": self.approved_by, "until": self.until, "lapsed": self.lapsed}


@dataclass(frozen=True)
class Others:
    """The other initiatives a pair finding names: the first few ids and how many there are."""

    ids: Tuple[str, ...]
    total: int


@dataclass(frozen=True)
class Number:
    """A number in a message, written as the report's language writes numbers."""

    value: float


@dataclass(frozen=True)
class Day:
    """A date (ISO) in a message, written out in the report's language."""

    iso: str


@dataclass(frozen=True)
class NotGiven:
    """A placeholder whose value is missing: "(not given)" in the report's language, never an
    empty string ("reviewed ''" read as if something had been reviewed)."""


NOT_GIVEN = NotGiven()


@dataclass(frozen=True)
class Choice:
    """A value of one of the format's enumerated fields ("approved", "non-eu") in a message:
    written as is in English, in the report's language's word for it otherwise (catalogue keys
    `value.<value>`; a value without one is shown as written)."""

    value: str


@dataclass(frozen=True)
class Cut:
    """A long value quoted in a message, cut to its first `QUOTE_LIMIT` characters: the rest is
    counted, not repeated, so an input cannot multiply its size into every finding and report
    (docs/security.md, "Bounded output")."""

    text: str
    more: int


# Characters of one value a message quotes before it is cut.
QUOTE_LIMIT = 300


def bounded(text: str) -> Union[str, "Cut"]:
    """`text`, or a Cut of it when it is longer than QUOTE_LIMIT."""
    if len(text) <= QUOTE_LIMIT:
        return text
    return Cut(text[:QUOTE_LIMIT], len(text) - QUOTE_LIMIT)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "{%s}" % key


class Message(Mapping[str, str]):
    """A finding's message: the rule's text and the values of its placeholders, rendered in a
    language only when a report reads it (`message[lang]`)."""

    __slots__ = ("template", "values")

    def __init__(self, template: Text,
                 values: Sequence[Tuple[str, Union[str, Others, Number, Day, Cut, NotGiven, Choice]]]):
        self.template = template
        self.values = tuple(values)   # (placeholder, shown value), later ones win

    def __getitem__(self, lang: str) -> str:
        if not known(lang):
            raise KeyError(lang)
        text = catalogue(lang).pick(self.template)
        params = _Params()
        for k, v in self.values:
            if isinstance(v, Cut):
                v = v.text + cut_more(v.more, lang)
            elif isinstance(v, Others):
                v = ", ".join(v.ids) + (" " + others_more(v.total - len(v.ids), lang)
                                        if v.total > len(v.ids) else "")
            elif isinstance(v, Number):
                v = number(v.value, lang)
            elif isinstance(v, Day):
                v = long_date(v.iso, lang)
            elif isinstance(v, NotGiven):
                v = catalogue(lang)("message.not_given")
            elif isinstance(v, Choice):
                v = v.value if lang == "en" else (catalogue(lang).get("value." + v.value)
                                                  or v.value)
            params[k] = v
        # {item.name} is a name of its own, not an attribute: see engine/messages.py
        return render_message(text, lambda name: params[name] if name in params else None)

    def get(self, lang: str, default: Any = None) -> Any:
        # Mapping.get goes through __getitem__ inside a try: reports call this once per finding.
        return self[lang] if known(lang) else default

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def __repr__(self) -> str:
        return "Message(%r, %r)" % (self.template, self.values)

    def __getstate__(self) -> Tuple[Text, Tuple[Tuple[str, Any], ...]]:
        return self.template, self.values

    def __setstate__(self, state: Tuple[Text, Tuple[Tuple[str, Any], ...]]) -> None:
        self.template, self.values = state


@dataclass(frozen=True)
class Waiver:
    """The comply-or-explain exception that waived a finding (docs/design/evaluation.md §8)."""

    justification: str
    approved_by: str
    expires: str
    index: int


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    category: str
    domain: str
    message: Text           # a Message, rendered in the report's language when read
    path: str
    file: str
    line: Optional[int]
    column: Optional[int]
    initiative: Optional[str] = None   # None for portfolio-level findings
    waiver: Optional[Waiver] = None
    baselined: bool = False            # present in the --baseline report: shown, not counted

    def baseline_key(self) -> Tuple[str, str, str]:
        """What a baseline matches on: rule, initiative id and field path, never the line."""
        return (self.rule, self.initiative or "", self.path)

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.rule, self.path)


@dataclass(frozen=True)
class DomainCoverage:
    domain: str
    required: bool
    covered: bool
    missing: Tuple[str, ...]


@dataclass
class InitiativeResult:
    id: str
    title: str
    file: str
    phase: Optional[str]
    data: Mapping[str, Any]
    coverage: Dict[str, DomainCoverage] = field(default_factory=dict)
    findings: List[Finding] = field(default_factory=list)
    rules_evaluated: Tuple[str, ...] = ()


@dataclass(frozen=True)
class SinceLast:
    """How a run differs from the last one recorded for the same inputs (--since-last)."""

    run: Optional[int]        # the earlier run's number; None: nothing recorded before
    recorded_at: str
    new: int = 0
    resolved: int = 0
    added: int = 0            # initiatives not in the earlier run
    missing: int = 0          # initiatives of the earlier run not in this one


Tally = Dict[Tuple["Severity", bool, bool], int]   # (severity, waived, baselined) -> findings


@dataclass
class RunResult:
    tool_version: str
    date: str
    rules: Dict[str, Rule]
    initiatives: Sequence[InitiativeResult]
    portfolio_findings: List[Finding]
    errors: List[Problem]
    fail_on: Optional[Severity] = Severity.error
    baseline_used: bool = False   # True when findings were compared with a --baseline report
    # Counted while checking, so a summary need not read back every result of a large run;
    # None: count from the findings.
    tally: Optional[Tally] = None
    since_last: Optional[SinceLast] = None   # set by --since-last: reports add one line
    overrides: Tuple[Override, ...] = ()     # the project's overrides (.idm.yaml), lapsed too
    # The named packs (name, version, source, ref, commit, digest) of a run that loaded a pack
    # with a manifest (pack.yaml); empty otherwise, so v1 runs report as before.
    packs: Tuple[Dict[str, Any], ...] = ()
    # The fields the run's packs declare (inputs.fields.DeclaredFields): the dossier and the
    # HTML report show their values under each pack's title; None or empty shows nothing.
    declared_fields: Any = None
    # The board decisions of the run as judged (engine.check.decisions.DecisionState); their
    # findings are among portfolio_findings.
    decisions: Tuple[Any, ...] = ()
    # The ids of the portfolio a one-initiative run (a dossier) was judged in; empty: the
    # initiatives are the whole run.
    portfolio: Tuple[str, ...] = ()
    # With the result cache: report parts the last run rendered that this run may copy
    # (engine.check.fragments.Reuse); None renders every part.
    reuse: Any = field(default=None, compare=False, repr=False)

    def severity_defaults(self) -> Dict[str, Severity]:
        """Rule id -> the pack's severity, for each rule whose severity an override changed."""
        return {o.rule: o.default for o in self.overrides
                if not o.lapsed and o.enabled and o.severity is not None
                and o.severity != o.default}

    def all_findings(self) -> List[Finding]:
        out = [f for r in self.initiatives for f in r.findings]
        return out + list(self.portfolio_findings)

    def failing(self) -> List[Finding]:
        """Unwaived findings at or above the --fail-on threshold that are not in the baseline."""
        if self.fail_on is None:
            return []
        return [f for f in self.all_findings()
                if not f.waived and not f.baselined and f.severity >= self.fail_on]

    def counts(self) -> Tally:
        if self.tally is not None:
            return self.tally
        return tally(self.all_findings())

    def failing_count(self) -> int:
        if self.fail_on is None:
            return 0
        return sum(n for (sev, waived, baselined), n in self.counts().items()
                   if not waived and not baselined and sev >= self.fail_on)

    def exit_code(self) -> int:
        """2 beats 1 beats 0; a run that checked nothing is never a pass."""
        if self.errors or not self.initiatives:
            return 2
        return 1 if self.failing_count() else 0

    def summary(self) -> Dict[str, Any]:
        counts = self.counts()
        by = {s.name: 0 for s in sorted(Severity, reverse=True)}
        for (sev, waived, _), n in counts.items():
            if not waived:
                by[sev.name] += n
        return {"initiatives": len(self.initiatives), "findings": sum(counts.values()),
                "by_severity": by,
                "waived": sum(n for (_, waived, _), n in counts.items() if waived),
                "baselined": sum(n for (_, _, baselined), n in counts.items() if baselined),
                "errors": len(self.errors)}


def tally(findings: Iterable[Finding], into: Optional[Tally] = None) -> Tally:
    out: Tally = {} if into is None else into
    for f in findings:
        k = (f.severity, f.waived, f.baselined)
        out[k] = out.get(k, 0) + 1
    return out
