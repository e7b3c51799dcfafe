"""Conditions in readable words (en/nl), rendered from the parsed tree of engine.pack.language.

Two shapes: `sentence()` gives one line ("A AND (B OR C)"), `outline()` gives one line per node,
indented, in the order of `engine.pack.language.walk` -- the parts `idm explain` gives verdicts for.
"""
from __future__ import annotations

from typing import Any, List, Mapping, Tuple

from ..i18n import catalogue
from ..pack.language import All, AnyOf, Node, Not, Quant, Ref, Test, Uncovered
from ..pack import operators
from ..pack.rulepack import RuleSpec



def literal(value: Any) -> str:
    """A value as written in YAML: true/false, numbers, quoted text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'%s'" % value
    if isinstance(value, (list, tuple)):
        return ", ".join(literal(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Operand:
    """A test's argument in words, as an operator's `explain` asks for it (engine.pack.operators):
    `operand()` gives the literal, `today` or the other field; `patterns` are the pack's named
    patterns, for an operator that names the one it tests."""

    def __init__(self, t: Test, w: Mapping[str, str], patterns: Mapping[str, str]):
        self.t, self.w, self.patterns = t, w, patterns

    def __call__(self) -> str:
        arg, w = self.t.arg, self.w
        if isinstance(arg, Ref):
            if arg.times is not None:
                return w["times"].format(v=literal(arg.times), p=arg.path)
            return str(arg.path)
        if arg == "today":
            return w["today"]
        return literal(arg)


def test_words(t: Test, lang: str, patterns: Mapping[str, str] = {}) -> str:
    """One field test in words."""
    w = catalogue(lang).section("condition")
    out = operators.BY_OP[t.op].explain(t, w, Operand(t, w, patterns))
    if t.default is not None:
        out += w["default"].format(v=literal(t.default))
    if t.normalised:
        out += w["normalised"]
    if t.scale:
        out += w["scale"].format(v=t.scale)
    for name, value in t.params:
        out += w["param"].format(n=name, v=literal(value))
    return out


def node_words(node: Node, lang: str, patterns: Mapping[str, str] = {}) -> str:
    """The line of one node in an outline (groups are headers; their items follow)."""
    w = catalogue(lang).section("condition")
    if isinstance(node, Test):
        return test_words(node, lang, patterns)
    if isinstance(node, All):
        return w["all"]
    if isinstance(node, AnyOf):
        return w["any"]
    if isinstance(node, Not):
        return w["none_hdr"]
    if isinstance(node, Quant):
        var = "" if node.var == "item" else "(%s)" % node.var
        return " ".join(w[node.kind].format(var=var, p=node.path).split())
    if isinstance(node, Uncovered):
        return w["uncovered"].format(d=node.domain)
    raise TypeError(node)  # pragma: no cover - the tree has no other nodes


def sentence(node: Node, lang: str, patterns: Mapping[str, str] = {}, top: bool = True) -> str:
    """The whole condition on one line, groups in parentheses."""
    w = catalogue(lang).section("condition")
    if isinstance(node, (All, AnyOf)):
        joiner = " %s " % w["and" if isinstance(node, All) else "or"]
        text = joiner.join(sentence(n, lang, patterns, False) for n in node.items)
        return text if top else "(%s)" % text
    if isinstance(node, Not):
        return "%s %s" % (w["not"], sentence(node.item, lang, patterns, False))
    if isinstance(node, Quant):
        head = node_words(node, lang, patterns).rstrip(":")
        return "%s [%s]" % (head, sentence(node.where, lang, patterns))
    return node_words(node, lang, patterns)


def outline(node: Node, depth: int = 0) -> List[Tuple[int, Node]]:
    """(depth, node) for every node, depth first (the order of language.walk)."""
    out = [(depth, node)]
    if isinstance(node, (All, AnyOf)):
        for n in node.items:
            out.extend(outline(n, depth + 1))
    elif isinstance(node, Not):
        out.extend(outline(node.item, depth + 1))
    elif isinstance(node, Quant):
        out.extend(outline(node.where, depth + 1))
    return out


def _join_head(join: Any, title: str, w: Mapping[str, str], lang: str,
               patterns: Mapping[str, str]) -> List[str]:
    """The first lines of a pair or group rule: the list it joins, its form, its `where`."""
    lines = [] if join.for_each is None else [w["pair_each"].format(p=join.for_each)]
    lines.append(title)
    if join.where is not None:
        lines.extend("  " * (d + 1) + "- " + node_words(n, lang, patterns)
                     for d, n in outline(join.where))
    return lines


def condition_lines(spec: RuleSpec, lang: str, patterns: Mapping[str, str] = {}) -> List[str]:
    """A rule's whole condition as indented lines, with its for_each or portfolio form."""
    w = catalogue(lang).section("condition")
    lines: List[str] = []
    indent = 0
    if spec.groups is not None:
        g = spec.groups
        lines.extend(_join_head(g, w["groups"], w, lang, patterns))
        lines.append("  - " + w["group_by"].format(p=g.same))
        lines.append(w["group_count"].format(what=w["count_" + g.count]))
        lines.extend("  " * (d + 1) + "- " + node_words(n, lang, patterns).replace(
            "aggregate.", "") for d, n in outline(spec.when))
        return lines
    if spec.pairs is not None:
        p = spec.pairs
        lines.extend(_join_head(p, w["pairs"], w, lang, patterns))
        lines.append("  - " + w["same"].format(p=p.same))
        if p.differ is not None:
            lines.append("  - " + w["differ"].format(p=p.differ))
        if p.share_list is not None:
            lines.append("  - " + w["share_none"].format(p=p.share_path, l=p.share_list))
        return lines
    if spec.aggregate is not None:
        a = spec.aggregate
        lines.append(w["select"])
        lines.extend("  " * (d + 1) + "- " + node_words(n, lang, patterns)
                     for d, n in outline(a.select))
        names = ([a.count] if a.count else []) + [n for n, _ in a.sums]
        lines.append(w["aggregate"].format(names=", ".join(names)))
        indent = 1
    for mode, path in spec.for_each:
        lines.append(w["entries" if mode == "entries" else "for_each"].format(p=path))
        indent = 1
    if spec.when is not None:
        lines.extend("  " * (d + indent) + "- " + node_words(n, lang, patterns).replace(
            "aggregate.", "") for d, n in outline(spec.when))
    if spec.once is not None:
        lines.append(w["once"].format(p=spec.once.target.path))
        lines.extend("  " * (d + 1) + "- " + node_words(n, lang, patterns)
                     for d, n in outline(spec.once.when))
    return lines
