"""Read an ArchiMate model in the Open Group exchange format (3.x, and 2.1) into plain records
with the line and column of every element, name, documentation and property (docs/archimate.md).

The XML is untrusted input.  It is bounded by size before a byte is parsed, parsed by expat
through defusedxml with any DTD refused (so no entity is expanded and no external file or URL
is ever read), and its nesting and element count are bounded while it is parsed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from ...errors import InputError
from ...i18n import said
from ..loader import DEFAULT_LIMITS, Limits, read_bytes

NS3 = "http://www.opengroup.org/xsd/archimate/3.0/"   # 3.0 and 3.1 share it
NS2 = "http://www.opengroup.org/xsd/archimate"        # 2.1
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = {NS3: "3", NS2: "2.1"}

Position = Tuple[int, int]


@dataclass
class XNode:
    """One XML element: its (namespaced) tag, attributes, text, children and where it is; byte
    offsets of its start and of the end of its end tag (the export splices the original bytes)."""

    tag: str
    attrib: Dict[str, str]
    line: int
    column: int
    start: int
    end: int = -1
    close: int = -1                    # where its end tag starts (its children end before)
    text: str = ""
    children: List["XNode"] = field(default_factory=list)

    @property
    def position(self) -> Position:
        return (self.line, self.column)

    def local(self) -> str:
        return self.tag.rsplit("}", 1)[-1]


class _Builder:
    """The parser's target: the tree of XNodes, bounded in depth and size as it grows."""

    def __init__(self, name: str, raw: bytes, limits: Limits):
        self.name, self.raw, self.limits = name, raw, limits
        self.stack: List[XNode] = []
        self.root: Optional[XNode] = None
        self.count = 0
        self.expat = None   # set once the parser exists

    def _where(self) -> Tuple[int, int, int]:
        p = self.expat
        return p.CurrentLineNumber, p.CurrentColumnNumber + 1, p.CurrentByteIndex

    def start(self, tag: str, attrib: Dict[str, str]) -> None:
        line, col, offset = self._where()
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise InputError.at(self.name, said("input.too_many_values",
                                                limit=self.limits.max_nodes), line, col)
        if len(self.stack) >= self.limits.max_depth:
            raise InputError.at(self.name, said("input.too_deep", limit=self.limits.max_depth),
                                line, col)
        node = XNode(tag, dict(attrib), line, col, offset)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        node = self.stack.pop()
        offset = self.expat.CurrentByteIndex
        if self.raw.startswith(b"</", offset):
            node.close = offset
            node.end = self.raw.index(b">", offset) + 1
        else:   # <x/>: expat reports the start of the empty element
            node.end = node.close = _empty_tag_end(self.raw, offset)

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].text += text

    def close(self) -> Optional[XNode]:
        return self.root


_TAG = re.compile(rb"""(?:[^"'>]|"[^"]*"|'[^']*')*>""")


def _empty_tag_end(raw: bytes, offset: int) -> int:
    """The offset after the `/>` of the empty element starting at `offset` (quoted attribute
    values may hold `>`)."""
    m = _TAG.match(raw, offset)
    return m.end() if m else len(raw)


def parse_xml(name: str, raw: bytes, limits: Limits = DEFAULT_LIMITS) -> XNode:
    """The element tree of `raw`; InputError (one line) for anything hostile or malformed."""
    if len(raw) > limits.max_bytes:
        raise InputError.at(name, said("input.too_large", size=len(raw), limit=limits.max_bytes))
    builder = _Builder(name, raw, limits)
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True,
                              forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(raw)
        root = parser.close()
    except DTDForbidden:
        # Where `<!DOCTYPE` starts (expat reports the place after its name)
        p = parser.parser
        line, col = p.CurrentLineNumber, p.CurrentColumnNumber + 1
        at = raw.find(b"<!DOCTYPE")
        if 0 <= at < p.CurrentByteIndex:
            line, col = raw.count(b"\n", 0, at) + 1, at - raw.rfind(b"\n", 0, at)
        raise InputError.at(name, said("archimate.dtd"), line, col)
    except (EntitiesForbidden, ExternalReferenceForbidden):
        p = parser.parser
        raise InputError.at(name, said("archimate.entities"), p.CurrentLineNumber,
                            p.CurrentColumnNumber + 1)
    except ParseError as e:
        line, col = getattr(e, "position", (None, None))
        problem = str(e).split(": line ")[0]
        raise InputError.at(name, said("archimate.invalid_xml", problem=problem), line,
                            None if col is None else col + 1)
    except RecursionError:
        raise InputError.at(name, said("input.too_deep", limit=limits.max_depth))
    except LookupError as e:    # expat: an encoding Python does not know (encoding="ATF-8")
        raise InputError.at(name, said("archimate.invalid_xml", problem=str(e)), 1, 1)
    if root is None:
        raise InputError.at(name, said("archimate.invalid_xml", problem="no element found"))
    return root


def root_namespace(root: XNode) -> str:
    return root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""


def looks_like_xml(raw: bytes) -> bool:
    """Whether a file's first character (after a byte order mark and white space) opens a tag:
    such a file is read as XML, never as YAML."""
    head = raw[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<")


# ---------------------------------------------------------------------------------------------
# The model


@dataclass
class Prop:
    key: str          # the name of its property definition (idm:id, Eigenaar, ...)
    value: str
    position: Position


@dataclass
class Concept:
    """An element or a relationship."""

    identifier: str
    type: str                          # WorkPackage, Goal, Association (2.1 suffix dropped)
    name: str
    position: Position
    name_position: Position
    names: Dict[str, str] = field(default_factory=dict)   # xml:lang ("" none) -> text
    documentation: str = ""
    documentation_position: Optional[Position] = None
    properties: List[Prop] = field(default_factory=list)
    source: str = ""                   # relationships only
    target: str = ""
    node: Optional[XNode] = None

    def prop(self, key: str) -> Optional[Prop]:
        for p in self.properties:
            if p.key == key:
                return p
        return None


@dataclass
class Model:
    file: str
    version: str                       # "3" or "2.1"
    root: XNode
    elements: Dict[str, Concept] = field(default_factory=dict)     # document order
    relationships: List[Concept] = field(default_factory=list)
    folders: Dict[str, str] = field(default_factory=dict)   # concept id -> "A/B" folder path
    property_definitions: Dict[str, str] = field(default_factory=dict)   # id -> name


def _names(node: XNode, tag: str, lang: str = "") -> Tuple[str, Dict[str, str], Optional[XNode]]:
    """The text of the `tag` children of `node` (name/label/documentation) by xml:lang; the one
    in `lang` when there is one, else the first."""
    found: Dict[str, str] = {}
    first: Optional[XNode] = None
    chosen: Optional[XNode] = None
    for child in node.children:
        if child.local() == tag:
            found.setdefault(child.attrib.get(XML_LANG, ""), child.text.strip())
            first = first or child
            if lang and child.attrib.get(XML_LANG) == lang and chosen is None:
                chosen = child
    pick = chosen or first
    return (pick.text.strip() if pick is not None else ""), found, pick


def _child(node: XNode, tag: str) -> Optional[XNode]:
    for child in node.children:
        if child.local() == tag:
            return child
    return None


def read_model(name: str, root: XNode) -> Model:
    """The concepts of a parsed exchange file; InputError when its root is not an ArchiMate
    model or a reference inside it is broken."""
    ns = root_namespace(root)
    if ns not in NAMESPACES or root.local() != "model":
        raise InputError.at(name, said("archimate.not_archimate", root=root.local(),
                                       namespace=ns or "-"), root.line, root.column)
    model = Model(name, NAMESPACES[ns], root)
    v2 = model.version == "2.1"
    label = "label" if v2 else "name"
    ref_attr = "identifierref" if v2 else "propertyDefinitionRef"
    defs = _child(root, "propertydefs" if v2 else "propertyDefinitions")
    for d in defs.children if defs is not None else ():
        ident = _required(name, d, "identifier")
        model.property_definitions[ident] = d.attrib.get("name", "") if v2 else \
            _names(d, "name")[0]

    def concept(node: XNode) -> Concept:
        ident = _required(name, node, "identifier")
        kind = node.attrib.get("{%s}type" % XSI, "").rsplit(":", 1)[-1]   # a QName
        if kind.endswith("Relationship") and v2:
            kind = kind[:-len("Relationship")]
        text, names, name_node = _names(node, label)
        doc, _, doc_node = _names(node, "documentation")
        c = Concept(ident, kind, text, node.position,
                    name_node.position if name_node is not None else node.position, names,
                    doc, doc_node.position if doc_node is not None else None, node=node)
        props = _child(node, "properties")
        for p in props.children if props is not None else ():
            if p.local() != "property":
                continue
            ref = _required(name, p, ref_attr)
            value = _names(p, "value")[0]
            # A reference to no definition is kept under the reference itself: exports found in
            # the wild have them (it can never be an idm: property, which needs a name).
            c.properties.append(Prop(model.property_definitions.get(ref, ref), value,
                                     p.position))
        return c

    elements = _child(root, "elements")
    for node in elements.children if elements is not None else ():
        c = concept(node)
        if c.identifier in model.elements:
            raise InputError.at(name, said("archimate.duplicate_identifier", ref=c.identifier),
                                node.line, node.column)
        model.elements[c.identifier] = c
    rels = _child(root, "relationships")
    for node in rels.children if rels is not None else ():
        c = concept(node)
        c.source, c.target = _required(name, node, "source"), _required(name, node, "target")
        model.relationships.append(c)
    # 3.x: organizations; 2.1: organization
    organizations = [n for n in root.children if n.local() in ("organizations", "organization")]
    for org in organizations:
        for item in org.children:
            _folders(model, item, [], label, v2)
    return model


def _folders(model: Model, item: XNode, path: List[str], label: str, v2: bool) -> None:
    if item.local() != "item":
        return
    ref = item.attrib.get("identifierref" if v2 else "identifierRef")
    if ref is None and v2:
        ref = item.attrib.get("identifierRef")
    if ref is not None:
        model.folders.setdefault(ref, "/".join(path))
    text = _names(item, "label")[0]
    for child in item.children:
        _folders(model, child, path + [text] if ref is None else path, label, v2)


def _required(name: str, node: XNode, attr: str) -> str:
    value = node.attrib.get(attr)
    if value is None:
        raise InputError.at(name, said("archimate.missing_attribute", element=node.local(),
                                       attribute=attr), node.line, node.column)
    return value


def load_model(path: str, name: str, limits: Limits = DEFAULT_LIMITS,
               raw: Optional[bytes] = None) -> Model:
    """Read the model at `path` (shown as `name`), bounded by `limits` before parsing."""
    if raw is None:
        raw = read_bytes(path, name, limits.max_bytes)
    return read_model(name, parse_xml(name, raw, limits))
