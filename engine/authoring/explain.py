"""`idm explain RULE-ID [--initiative FILE]`: one rule in words, and why it did or did not fire.

Each part of the condition (each node of the parsed tree) is compiled as a durable rule of its
own (compiler.compile_conditions) and evaluated by the Evaluator, so the verdict per part is the
engine's, never a re-implementation.  Only the values shown are read from the document directly.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

import yaml

from ..compile.compiler import compile_conditions
from ..errors import Problem, escape_controls
from ..i18n import catalogue, said
from ..durable.evaluator import Evaluator
from ..pack.language import All, AnyOf, Node, Not, Path, Quant, Ref, Test
from ..compile.projection import MISSING, get, nested_items, present_entries, present_items
from ..pack.rulepack import RuleSet, RuleSpec
from ..check.run import check
from ..inputs.initiatives import load_initiatives
from ..inputs.loader import DEFAULT_LIMITS, Limits
from .render import condition_lines, node_words, sentence



def localised(t: Mapping[str, str], lang: str) -> str:
    """A text of a rule in `lang`, else in English."""
    return catalogue(lang).pick(t)


def flow_yaml(value: Any) -> str:
    """A value as one line of YAML flow style."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False,
                          width=10_000).strip().removesuffix("...").strip()


def target_text(spec: RuleSpec, lang: str) -> str:
    """Where a rule reports: its field path, the first missing candidate, or the portfolio."""
    t, words = spec.target, catalogue(lang)
    if t.first_missing:
        return words("explain.first_missing") % ", ".join(map(str, t.candidates))
    return str(t.path) if t.path is not None else words("explain.portfolio_target")


def describe(ruleset: RuleSet, spec: RuleSpec, lang: str = "en") -> str:
    """Everything about one rule: metadata, texts, condition in words, references, examples."""
    L = catalogue(lang).section("explain")  # noqa: N806
    r = spec.rule
    pats = ruleset.defs.patterns
    out = ["%s  %s" % (r.id, localised(r.title, lang)), ""]
    out.append("%s: %s   %s: %s   %s: %s" % (L["severity"], r.severity.name, L["category"],
                                             r.category, L["domain"], r.domain))
    if spec.valid_from or spec.valid_until:
        out.append("%s: %s .. %s" % (L["valid"], spec.valid_from or "", spec.valid_until or ""))
    out.append("%s: %s" % (L["waivable"], L["yes"] if r.waivable else L["no"]))
    out += ["", "%s: %s" % (L["message"], localised(r.message, lang))]
    if r.rationale:
        out += ["", "%s: %s" % (L["rationale"], localised(r.rationale, lang))]
    out += ["", "%s:" % L["condition"]]
    out += ["  " + line for line in condition_lines(spec, lang, pats)]
    if spec.when is not None and spec.aggregate is None:
        out += ["%s: %s" % (L["in_words"], sentence(spec.when, lang, pats).replace(
            "aggregate.", ""))]     # a group rule's `count`
    if spec.aggregate is None:
        out += ["%s: %s" % (L["at"], target_text(spec, lang))]
    if r.references:
        out += ["", "%s:" % L["references"]]
        out += ["  - %s%s" % (ref.title, " <%s>" % ref.url if ref.url else "")
                for ref in r.references]
    if r.remediation:
        out += ["", "%s: %s" % (L["remediation"], localised(r.remediation, lang))]
    if spec.examples:
        out += ["", "%s:" % L["examples"]]
        for kind, label in (("fail", L["fires"]), ("pass", L["passes"])):
            for ex in spec.examples.get(kind) or []:
                out.append("  %s: %s" % (label, flow_yaml(ex)))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------- why it did or did not fire

@dataclasses.dataclass
class Part:
    depth: int
    node: Node
    context: str   # "rule" (the rule's own fact kind), "quant" (items of a list), "within"
    #                (inside a quantifier of the rule's item or of a per-item rule), "inner"
    list_path: Optional[Path] = None
    quant: Optional[Quant] = None


def _rename(node: Node, old: str, new: str) -> Node:
    """The node with variable `old` renamed to `new` (a quantifier's item becomes `item`)."""
    def p(path: Path) -> Path:
        if path.var != old:
            return path
        return Path(new, path.parts, new + path.text[len(old):])
    if isinstance(node, Test):
        arg = node.arg
        if isinstance(arg, Ref):
            arg = dataclasses.replace(arg, path=p(arg.path))
        return dataclasses.replace(node, path=p(node.path), arg=arg)
    if isinstance(node, (All, AnyOf)):
        return type(node)(tuple(_rename(n, old, new) for n in node.items))
    if isinstance(node, Not):
        return Not(_rename(node.item, old, new))
    if isinstance(node, Quant):
        return dataclasses.replace(node, path=p(node.path), var=new if node.var == old else
                                   node.var, where=_rename(node.where, old, new))
    return node


def _parts(root: Node, per_item: bool) -> List[Part]:
    """Every node with the fact kind it can be evaluated on by itself."""
    out: List[Part] = []

    def visit(node: Node, depth: int, quant: Optional[Quant], nested: bool) -> None:
        if quant is None:
            out.append(Part(depth, node, "rule"))
        elif nested:
            # A nested quantifier's items have no fact of their own: their verdict is part of
            # the enclosing quantifier's.
            out.append(Part(depth, node, "inner"))
        elif per_item or quant.path.var is not None:
            out.append(Part(depth, node, "within", quant=quant))
        else:
            out.append(Part(depth, _rename(node, quant.var, "item"), "quant", quant.path))
        children: List[Node] = []
        if isinstance(node, (All, AnyOf)):
            children = list(node.items)
        elif isinstance(node, Not):
            children = [node.item]
        elif isinstance(node, Quant):
            children = [node.where]
        for child in children:
            if isinstance(node, Quant):
                visit(child, depth + 1, node if quant is None else quant, quant is not None)
            else:
                visit(child, depth + 1, quant, nested)
    visit(root, 0, None, False)
    return out


def _value(doc: Mapping[str, Any], item: Any, key: Any, path: Path, entries: bool) -> Any:
    if path.var is None:
        return get(doc, path.parts, {"item.key": key} if key is not None else {})
    parts = path.parts
    if entries and not parts:
        parts = ("value",)
    return get(item, parts, {"item.key": key} if key is not None else {})


def _show(value: Any, L: Mapping[str, str]) -> str:
    if value is MISSING or value is None:
        return L["missing"]
    if isinstance(value, (dict, list)):
        text = flow_yaml(value)
        return text if len(text) <= 60 else text[:57] + "..."
    return flow_yaml(value)


def explain_initiative(ruleset: RuleSet, spec: RuleSpec, file: str, date: str,
                       lang: str = "en", limits: Limits = DEFAULT_LIMITS
                       ) -> Tuple[Optional[str], List[Problem]]:
    """Why the rule did or did not fire on one initiative file; problems mean unusable input."""
    L = catalogue(lang).section("explain")  # noqa: N806
    loaded, problems = load_initiatives([file], limits, fields=ruleset.fields)
    if problems or not loaded:
        return None, problems
    doc = loaded[0].doc.data
    result = check([file], ruleset, date, limits=limits, jobs=1)
    if result.errors:
        return None, list(result.errors)
    findings = [f for f in result.all_findings() if f.rule == spec.id]
    out = ["%s  %s" % (spec.id, localised(spec.rule.title, lang)),
           "%s: %s (%s), %s %s" % (L["initiative"], loaded[0].id, loaded[0].doc.file, L["date"],
                                   date)]
    if findings:
        out.append(L["fired"] % ", ".join(
            "%s (%s:%s)" % (f.path or "-", f.file, f.line) if f.line else (f.path or "-")
            for f in findings))
    else:
        out.append(L["not_fired"])
    if not spec.active_on(date):
        window = [L["from"] % spec.valid_from] if spec.valid_from else []
        window += [L["until"] % spec.valid_until] if spec.valid_until else []
        out.append(L["not_in_force"] % (date, L["and"].join(window)))
    for_each = tuple(spec.for_each)
    root = spec.when
    if spec.pairs is not None:
        out += ["", L["portfolio"]]
        root = spec.pairs.where
        if spec.pairs.for_each is not None:
            for_each = (("list", spec.pairs.for_each),)
    elif spec.aggregate is not None:
        out += ["", L["portfolio"]]
        root, for_each = spec.aggregate.select, ()
    if root is None:
        return _lines(out), []
    out += ["", L["parts"]]
    out += _part_lines(ruleset, date, doc, root, for_each, lang)
    if spec.once is not None:       # the document-level part of a per-item rule
        out += ["", L["once"] % spec.once.target.path]
        out += _part_lines(ruleset, date, doc, spec.once.when, (), lang)
    return _lines(out), []


def _lines(out: Sequence[str]) -> str:
    """The explanation's lines, each kept on one line: input text may hold newlines or
    terminal controls (a forged `::error` line in a CI log), shown as escapes."""
    return "".join(escape_controls(line) + "\n" for line in out)


def _part_lines(ruleset: RuleSet, date: str, doc: Mapping[str, Any], root: Any,
                for_each: Sequence[Tuple[str, Path]], lang: str) -> List[str]:
    """Each part of a condition with durable_rules' verdict, per item of `for_each`."""
    L = catalogue(lang).section("explain")  # noqa: N806
    out: List[str] = []
    parts = _parts(root, bool(for_each))
    hits = _verdicts(ruleset, date, doc, parts, for_each)
    within = _within_verdicts(ruleset, date, doc, parts, for_each)
    pats = ruleset.defs.patterns
    contexts = _contexts(doc, for_each)
    if for_each and not contexts:
        out.append("  " + L["no_items"] % ", ".join(str(p) for _, p in for_each))
    for label, kind_path, ref, item, key in contexts:
        if label:
            out.append("  %s:" % label)
        pad = "    " if label else "  "
        for k, part in enumerate(parts):
            words = node_words(part.node, lang, pats)
            line = "%s%s%s" % (pad, "  " * part.depth, words)
            if part.context == "inner":
                out.append("%s  %s" % (line, L["inner"]))
                continue
            if part.context == "within":
                found = within.get((k, kind_path, ref))
                if found is None:
                    out.append("%s  %s" % (line, L["inner"]))
                    continue
                lst, items = found
                line = "%s  -> %s: %s" % (line, L["items_held"],
                                          ", ".join("[%d]" % i for i in items) or L["none"])
                if isinstance(part.node, Test) and part.node.path.var == part.quant.var:
                    vals = ["[%d] %s" % (i, _show(get(it, part.node.path.parts, {}), L))
                            for i, it in present_items(lst)]
                    line += "; %s: %s" % (L["value"], ", ".join(vals) or L["missing"])
                out.append(line)
                continue
            if part.context == "quant":
                items = sorted(r for (n, kp, r) in hits if n == k)
                lst = get(doc, part.list_path.parts, {})
                shown = ", ".join("[%d]" % i for i in items) or L["none"]
                line = "%s  -> %s: %s" % (line, L["items_held"], shown)
                if isinstance(part.node, Test):
                    vals = ["[%d] %s" % (i, _show(_value(doc, it, None, part.node.path, False), L))
                            for i, it in present_items(lst)]
                    line += "; %s: %s" % (L["value"], ", ".join(vals) or L["missing"])
                out.append(line)
                continue
            held = (k, kind_path, ref) in hits
            verdict = L["held"] if held else L["not_held"]
            line = "%s  -> %s" % (line, verdict)
            if isinstance(part.node, Test) and (part.node.path.var or part.node.path.parts):
                line += "; %s: %s" % (L["value"], _show(_value(
                    doc, item, key, part.node.path, key is not None), L))
                if isinstance(part.node.arg, Ref):
                    line += "; %s: %s" % (part.node.arg.path, _show(_value(
                        doc, item, key, part.node.arg.path, key is not None), L))
            elif isinstance(part.node, Quant):
                lst = _value(doc, item, key, part.node.path, False)
                n = sum(1 for _ in present_items(lst))
                line += "; %s: %d %s" % (L["value"], n, "items" if lang == "en" else "items")
            out.append(line)
    return out


def _contexts(doc: Mapping[str, Any], for_each: Sequence[Tuple[str, Path]]
              ) -> List[Tuple[str, str, Any, Any, Any]]:
    """(label, fact kind path, item reference, item, entry key) the rule is evaluated on."""
    if not for_each:
        return [("", "doc", None, None, None)]
    out = []
    for mode, path in for_each:
        container = get(doc, path.parts, {})
        kind = "%s:%s" % (mode, ".".join(path.parts))
        if mode == "nested":
            for ref, item in nested_items(doc, path.parts, ""):
                out.append((ref, kind, ref, item, None))
        elif mode == "entries":
            for key, value in present_entries(container):
                out.append(("%s.%s" % (path, key), kind, key, {"key": key, "value": value}, key))
        else:
            for i, item in present_items(container):
                out.append(("%s[%d]" % (path, i), kind, i, item, None))
    return out


def _verdicts(ruleset: RuleSet, date: str, doc: Mapping[str, Any], parts: List[Part],
              for_each: Sequence[Tuple[str, Path]]) -> Set[Tuple[int, str, Any]]:
    """(part index, fact kind, item reference) of every part that durable_rules found to hold."""
    named = []
    for k, part in enumerate(parts):
        if part.context == "rule":
            named.append(("p%d" % k, part.node, tuple(for_each)))
        elif part.context == "quant":
            named.append(("p%d" % k, part.node, (("list", part.list_path),)))
    out: Set[Tuple[int, str, Any]] = set()
    # One ruleset per part: durable_rules refuses (error 102) a ruleset in which two rules hold
    # the same $iall expression with a $m reference, which parts of one condition often do.
    for name, node, fe in named:
        compiled = compile_conditions(ruleset, date, [(name, node, fe)])
        with Evaluator(compiled, ruleset.defs.scales) as ev:
            for firing in ev.evaluate(doc):
                out.add((int(firing.hit.name[1:]), firing.fact, firing.item))
    return out


def _list_location(q: Quant, for_each: Sequence[Tuple[str, Path]], kind_path: str, ref: Any
                   ) -> Optional[Tuple[Any, ...]]:
    """Where in the document the quantifier's list is for this context (None: not known)."""
    if q.path.var is None:
        return q.path.parts
    if q.path.var == "item" and isinstance(ref, int):
        for mode, path in for_each:
            if mode == "list" and kind_path == "list:" + ".".join(path.parts):
                return tuple(path.parts) + (ref,) + tuple(q.path.parts)
    return None


def _at(doc: Any, loc: Tuple[Any, ...]) -> Any:
    cur = doc
    for part in loc:
        if isinstance(part, int):
            cur = cur[part] if isinstance(cur, list) and part < len(cur) else MISSING
        else:
            cur = cur.get(part, MISSING) if isinstance(cur, dict) else MISSING
        if cur is MISSING:
            return MISSING
    return cur


def _within_verdicts(ruleset: RuleSet, date: str, doc: Mapping[str, Any], parts: List[Part],
                     for_each: Sequence[Tuple[str, Path]]
                     ) -> Dict[Tuple[int, str, Any], Tuple[Any, List[int]]]:
    """For each part inside a quantifier that has no fact of its own, per context: (the list,
    the indices of its items for which the part held).

    The verdict is durable_rules': for item j, the part is compiled as `some` of the enclosing
    quantifier and evaluated on a copy of the document whose list holds item j only.
    """
    import copy
    out: Dict[Tuple[int, str, Any], Tuple[Any, List[int]]] = {}
    todo = [(k, p) for k, p in enumerate(parts) if p.context == "within"]
    if not todo:
        return out
    contexts = _contexts(doc, for_each)
    for k, part in todo:
        node = dataclasses.replace(part.quant, kind="some", where=part.node)
        compiled = compile_conditions(ruleset, date, [("p%d" % k, node, tuple(for_each))])
        with Evaluator(compiled, ruleset.defs.scales) as ev:
            for _, kind_path, ref, _, _ in contexts:
                loc = _list_location(part.quant, for_each, kind_path, ref)
                if loc is None:
                    continue
                lst = _at(doc, loc)
                held = []
                for j, it in present_items(lst):
                    variant = copy.deepcopy(dict(doc))
                    parent = _at(variant, loc[:-1])
                    parent[loc[-1]] = [it]
                    if any(f.fact == kind_path and f.item == ref for f in ev.evaluate(variant)):
                        held.append(j)
                out[(k, kind_path, ref)] = (lst, held)
    return out


def find_rule(ruleset: RuleSet, rule_id: str) -> RuleSpec:
    """The rule with this id, or an InputError with the closest ids."""
    import difflib
    from ..errors import InputError
    specs = ruleset.by_id()
    if rule_id in specs:
        return specs[rule_id]
    hint = difflib.get_close_matches(rule_id.upper(), list(specs), n=3)
    raise InputError.at(rule_id, said("explain.no_rule", hint=said(
        "explain.did_you_mean", ids=", ".join(hint)) if hint else ""))
