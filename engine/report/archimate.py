"""Verdicts back into an ArchiMate model (`idm export archimate`, docs/archimate.md).

The model's own bytes are kept: what the export adds is spliced into them (properties on each
checked work package, an assessment per unwaived finding with its relationships, one
organizations folder, the property definitions), each added piece on its own lines, so a diff
of the model shows additions only.  What an earlier export added is recognised by its
identifiers (idm-a-, idm-r-, idm-p-, idm-verdicts) and removed first: the next export replaces
it, and exporting again gives the same bytes.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import InputError
from ..i18n import said
from ..inputs.archimate.mapping import FIELD, RESULT, WORK_PACKAGE, initiative_id
from ..inputs.archimate.reader import XSI, Concept, Model, XNode, parse_xml, read_model
from ..inputs.loader import DEFAULT_LIMITS, Limits
from ..model import DOMAINS

FOLDER_ID = "idm-verdicts"
ASSESSMENT, RELATIONSHIP, DEFINITION = "idm-a-", "idm-r-", "idm-p-"
# Work package properties: (key after idm-result:, data type of its definition).
PACKAGE_PROPERTIES = ([("gate", "string"), ("errors", "number"), ("warnings", "number"),
                       ("infos", "number"), ("waived", "number"), ("coverage", "string")]
                      + [("domain." + d, "string") for d in DOMAINS]
                      + [("date", "date"), ("packs", "string")])
FINDING_PROPERTIES = [("rule", "string"), ("severity", "string"), ("initiative", "string"),
                      ("path", "string"), ("location", "string")]
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _text(value: Any) -> str:
    s = _INVALID_XML.sub("\ufffd", str(value))
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def definition_id(key: str) -> str:
    """The identifier of the definition of property `key` (idm-result:domain.legacy ->
    idm-p-domain-legacy): an NCName."""
    return DEFINITION + key[len(RESULT):].replace(".", "-")


def stable_id(prefix: str, *parts: str) -> str:
    """An NCName-safe identifier that depends only on `parts`."""
    return prefix + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


def _ws_before(raw: bytes, offset: int) -> int:
    """Where the run of white space that ends at `offset` starts."""
    i = offset
    while i > 0 and raw[i - 1] in b" \t\r\n":
        i -= 1
    return i


def _indent(raw: bytes, offset: int) -> str:
    """The white space between the line start and `offset` (the indentation of a tag)."""
    start = raw.rfind(b"\n", 0, offset) + 1
    head = raw[start:offset]
    return head.decode("ascii") if head.strip() == b"" else ""


def _child_indent(raw: bytes, node: XNode) -> str:
    if node.children:
        return _indent(raw, node.children[0].start)
    return _indent(raw, node.start) + "  "


# ---------------------------------------------------------------------------------------------
# Removing what an earlier export added


def _ours(node: XNode) -> bool:
    local = node.local()
    ident = node.attrib.get("identifier", "")
    if local == "element":
        return ident.startswith(ASSESSMENT)
    if local == "relationship":
        return ident.startswith(RELATIONSHIP)
    if local == "item":
        return ident == FOLDER_ID
    if local == "propertyDefinition":
        return ident.startswith(DEFINITION)
    if local == "property":
        return node.attrib.get("propertyDefinitionRef", "").startswith(DEFINITION)
    return False


def _removals(raw: bytes, root: XNode) -> List[Tuple[int, int]]:
    spans: List[Tuple[int, int]] = []

    def container(node: XNode) -> None:
        mine = [c for c in node.children if _ours(c)]
        if not mine:
            return
        if len(mine) == len(node.children):   # only ours: it was added with them
            spans.append((_ws_before(raw, node.start), node.end))
        else:
            spans.extend((_ws_before(raw, c.start), c.end) for c in mine)

    for part in root.children:
        local = part.local()
        if local in ("elements", "relationships", "organizations", "propertyDefinitions"):
            container(part)
        if local == "elements":
            for element in part.children:
                if _ours(element):
                    continue
                for sub in element.children:
                    if sub.local() == "properties":
                        container(sub)
    return spans


def _splice(raw: bytes, cuts: Sequence[Tuple[int, int]], adds: Sequence[Tuple[int, str]]
            ) -> bytes:
    out = raw
    edits = [(s, e, b"") for s, e in cuts] + [(o, o, t.encode("utf-8")) for o, t in adds]
    # From the end; of pieces added at one offset the last first, so they keep their order.
    order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1], i), reverse=True)
    for start, end, text in (edits[i] for i in order):
        out = out[:start] + text + out[end:]
    return out


# ---------------------------------------------------------------------------------------------
# The report


def report_initiatives(file: str, report: Any) -> Dict[str, Dict[str, Any]]:
    """The initiatives of an idm JSON report by id; InputError when it is not one."""
    ok = (isinstance(report, dict) and isinstance(report.get("tool"), dict)
          and report["tool"].get("name") == "idm" and isinstance(report.get("initiatives"), list)
          and all(isinstance(i, dict) and isinstance(i.get("id"), str)
                  and isinstance(i.get("findings", []), list)
                  and isinstance(i.get("coverage", {}), dict) for i in report["initiatives"]))
    if not ok:
        raise InputError.at(file, said("archimate.not_a_report"))
    return {i["id"]: i for i in report["initiatives"]}


def _counts(findings: Sequence[Dict[str, Any]]) -> Dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0, "waived": 0}
    for f in findings:
        if f.get("waived"):
            out["waived"] += 1
        elif f.get("severity") in out:
            out[str(f["severity"])] += 1
    return out


def _package_values(ini: Dict[str, Any], date: str, packs: str) -> Dict[str, str]:
    findings = [f for f in ini.get("findings", []) if isinstance(f, dict)]
    counts = _counts(findings)
    gate = "fail" if any(f.get("severity") == "error" and not f.get("waived")
                         and not f.get("baselined") for f in findings) else "pass"
    coverage = ini.get("coverage", {})
    covered = sum(1 for d in coverage.values() if isinstance(d, dict) and d.get("covered"))
    values = {"gate": gate, "errors": str(counts["error"]), "warnings": str(counts["warning"]),
              "infos": str(counts["info"]), "waived": str(counts["waived"]),
              "coverage": "%d/%d" % (covered, len(coverage)), "date": date, "packs": packs}
    for d in DOMAINS:
        state = coverage.get(d, {})
        values["domain." + d] = str(state.get("state", "")) if isinstance(state, dict) else ""
    return values


# ---------------------------------------------------------------------------------------------
# The export


class _Writer:
    """Serialises the added pieces with the model's own namespace prefixes."""

    def __init__(self, raw: bytes, root: XNode):
        head = raw[root.start:raw.index(b">", root.start)].decode("utf-8", "replace")
        qname = head[1:].split(None, 1)[0]
        self.p = qname.split(":")[0] + ":" if ":" in qname else ""
        m = re.search(r'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']%s["\']' % re.escape(XSI), head)
        self.xsi = m.group(1) + ":type" if m else "xsi:type"
        self.xsi_decl = "" if m else ' xmlns:xsi="%s"' % XSI

    def tag(self, name: str) -> str:
        return self.p + name

    def properties(self, values: Sequence[Tuple[str, str]], indent: str, unit: str) -> str:
        return "".join('\n%s<%s %s="%s">\n%s%s<%s>%s</%s>\n%s</%s>' % (
            indent, self.tag("property"), "propertyDefinitionRef", definition_id(key),
            indent, unit, self.tag("value"), _text(value), self.tag("value"), indent,
            self.tag("property")) for key, value in values)

    def concept(self, kind: str, ident: str, xsi_type: str, extra: str, name: Optional[str],
                documentation: str, props: Sequence[Tuple[str, str]], indent: str,
                unit: str) -> str:
        inner = indent + unit
        # xsi:type is a QName: in a model whose namespace has a prefix, so has the type
        parts = ['\n%s<%s identifier="%s"%s %s="%s"%s>' % (indent, self.tag(kind), _attr(ident),
                                                          extra, self.xsi, self.p + xsi_type,
                                                          self.xsi_decl)]
        if name is not None:
            parts.append("\n%s<%s>%s</%s>" % (inner, self.tag("name"), _text(name),
                                              self.tag("name")))
        if documentation:
            parts.append("\n%s<%s>%s</%s>" % (inner, self.tag("documentation"),
                                              _text(documentation), self.tag("documentation")))
        if props:
            parts.append("\n%s<%s>%s\n%s</%s>" % (inner, self.tag("properties"),
                                                  self.properties(props, inner + unit, unit),
                                                  inner, self.tag("properties")))
        parts.append("\n%s</%s>" % (indent, self.tag(kind)))
        return "".join(parts)


def _child(node: XNode, local: str) -> Optional[XNode]:
    for c in node.children:
        if c.local() == local:
            return c
    return None


def export_model(name: str, raw: bytes, report: Any, report_name: str,
                 limits: Limits = DEFAULT_LIMITS) -> Tuple[str, List[str]]:
    """The model with the verdicts of `report` added (and an earlier export's replaced); the
    ids of the report's initiatives that no work package of the model has."""
    m = _ENCODING.match(raw)
    if m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise InputError.at(name, said("archimate.export_encoding",
                                       encoding=m.group(1).decode("ascii")), 1, 1)
    initiatives = report_initiatives(report_name, report)
    root = parse_xml(name, raw, limits)
    model = read_model(name, root)
    if model.version != "3":
        raise InputError.at(name, said("archimate.export_version"), root.line, root.column)
    raw = _splice(raw, _removals(raw, root), [])
    root = parse_xml(name, raw, limits)
    model = read_model(name, root)
    _refuse_empty_containers(name, raw, root)
    out = _additions(raw, root, model, initiatives, report)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError:   # UTF-16 with a byte order mark, which expat reads
        raise InputError.at(name, said("archimate.export_encoding", encoding="UTF-16"), 1, 1)
    return text, sorted(set(initiatives) - {initiative_id(c) for c in model.elements.values()
                                            if c.type == WORK_PACKAGE})


def _refuse_empty_containers(name: str, raw: bytes, root: XNode) -> None:
    """A container written as an empty element (`<elements/>`) has no place to add to without
    rewriting it: refused rather than changed (the tools that write the format omit them)."""
    containers = [c for c in root.children if c.local() in
                  ("elements", "relationships", "organizations", "propertyDefinitions")]
    for e in _child(root, "elements").children if _child(root, "elements") else ():
        containers += [c for c in e.children if c.local() == "properties"]
    for c in containers:
        if not c.children and raw[c.start:c.end].rstrip(b">").endswith(b"/"):
            raise InputError.at(name, said("archimate.empty_container", element=c.local()),
                                c.line, c.column)


def _additions(raw: bytes, root: XNode, model: Model, initiatives: Dict[str, Dict[str, Any]],
               report: Dict[str, Any]) -> bytes:
    w = _Writer(raw, root)
    date = str(report.get("date", ""))
    packs = ", ".join(map(str, report.get("packs") or [])) or "bundled"
    elements = _child(root, "elements")
    if elements is None:   # no work package, so nothing to add
        return raw
    unit = _child_indent(raw, elements)[len(_indent(raw, elements.start)):] or "  "
    rules_at: Dict[str, List[str]] = {}
    for c in model.elements.values():
        if c.type in ("Principle", "Constraint"):
            rule = c.prop(FIELD + "rule")
            if rule is not None and rule.value.strip():
                rules_at.setdefault(rule.value.strip(), []).append(c.identifier)
    adds: List[Tuple[int, str]] = []
    new_elements: List[str] = []
    new_relationships: List[str] = []
    refs: List[str] = []
    el_indent = _child_indent(raw, elements)
    rel_node = _child(root, "relationships")
    rel_indent = _child_indent(raw, rel_node) if rel_node is not None else \
        _indent(raw, elements.start) + unit
    for wp in [c for c in model.elements.values() if c.type == WORK_PACKAGE]:
        ini = initiatives.get(initiative_id(wp))
        if ini is None:
            continue
        if wp.node is None or not wp.node.children:   # <element .../>: no name to follow
            raise InputError.at(model.file, said("archimate.missing_name"), wp.position[0],
                                wp.position[1])
        values = _package_values(ini, date, packs)
        adds.append(_package_properties(raw, wp, w, [(RESULT + k, values[k]) for k, _ in
                                                     PACKAGE_PROPERTIES], unit))
        seen = set()
        for f in ini.get("findings", []):
            if not isinstance(f, dict) or f.get("waived"):
                continue
            rule, path = str(f.get("rule", "")), str(f.get("path", ""))
            aid = stable_id(ASSESSMENT, rule, ini["id"], path)
            if aid in seen:
                continue
            seen.add(aid)
            where = "%s:%s:%s" % (f.get("file", ""), f.get("line") or "", f.get("column") or "")
            props = [(RESULT + "rule", rule), (RESULT + "severity", str(f.get("severity", ""))),
                     (RESULT + "initiative", ini["id"]), (RESULT + "path", path),
                     (RESULT + "location", where.rstrip(":"))]
            new_elements.append(w.concept("element", aid, "Assessment", "",
                                          "%s %s" % (rule, path), str(f.get("message", "")),
                                          props, el_indent, unit))
            refs.append(aid)
            targets = [("Association", wp.identifier)] + \
                [("Influence", t) for t in rules_at.get(rule, [])]
            for kind, target in targets:
                rid = stable_id(RELATIONSHIP, aid, kind, target)
                new_relationships.append(w.concept(
                    "relationship", rid, kind, ' source="%s" target="%s"' % (aid, _attr(target)),
                    None, "", [], rel_indent, unit))
                refs.append(rid)
    adds.append((_ws_before(raw, elements.close), "".join(new_elements)))
    adds.extend(_container(raw, root, w, "relationships", new_relationships, unit,
                           after=("elements",)))
    folder = _folder(w, refs, unit)
    orgs = _child(root, "organizations")
    if orgs is not None:
        indent = _child_indent(raw, orgs)
        adds.append((_ws_before(raw, orgs.close), _reindent(folder, indent)))
    else:
        adds.extend(_container(raw, root, w, "organizations", [folder], unit,
                               after=("elements", "relationships"), reindent=True))
    definitions = ['<%s identifier="%s" type="%s">\n%s<%s>%s</%s>\n</%s>' % (
        w.tag("propertyDefinition"), definition_id(RESULT + key), kind, unit, w.tag("name"),
        RESULT + key, w.tag("name"), w.tag("propertyDefinition"))
        for key, kind in PACKAGE_PROPERTIES + FINDING_PROPERTIES]
    adds.extend(_container(raw, root, w, "propertyDefinitions", definitions, unit,
                           after=("elements", "relationships", "organizations"), reindent=True))
    return _splice(raw, [], adds)


def _reindent(text: str, indent: str) -> str:
    """A piece written at column 0 (lines joined by \\n), moved to `indent`."""
    return "".join("\n" + indent + line for line in text.split("\n"))


def _folder(w: _Writer, refs: Sequence[str], unit: str) -> str:
    items = "".join('\n%s<%s identifierRef="%s" />' % (unit, w.tag("item"), r) for r in refs)
    return '<%s identifier="%s">\n%s<%s>idm</%s>%s\n</%s>' % (
        w.tag("item"), FOLDER_ID, unit, w.tag("label"), w.tag("label"), items, w.tag("item"))


def _container(raw: bytes, root: XNode, w: _Writer, local: str, pieces: Sequence[str],
               unit: str, after: Sequence[str], reindent: bool = False
               ) -> List[Tuple[int, str]]:
    """Add `pieces` at the end of the model's `local` container, or in a new one after the
    last of `after`."""
    if not pieces:
        return []
    node = _child(root, local)
    if node is not None:
        indent = _child_indent(raw, node)
        text = "".join(_reindent(p, indent) if reindent else p for p in pieces)
        return [(_ws_before(raw, node.close), text)]
    last = [c for c in root.children if c.local() in after][-1]
    indent = _indent(raw, last.start)
    text = "".join(_reindent(p, indent + unit) if reindent else p for p in pieces)
    return [(last.end, "\n%s<%s>%s\n%s</%s>" % (indent, w.tag(local), text, indent,
                                                w.tag(local)))]


def _package_properties(raw: bytes, wp: Concept, w: _Writer, values: Sequence[Tuple[str, str]],
                        unit: str) -> Tuple[int, str]:
    node = wp.node
    assert node is not None
    props = _child(node, "properties")
    if props is not None:
        indent = _child_indent(raw, props)
        return (_ws_before(raw, props.close), w.properties(values, indent, unit))
    last = node.children[-1]    # its name: read_model found one
    indent = _indent(raw, last.start)
    return (last.end, "\n%s<%s>%s\n%s</%s>" % (indent, w.tag("properties"),
                                               w.properties(values, indent + unit, unit),
                                               indent, w.tag("properties")))
