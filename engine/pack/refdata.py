"""Reference data shipped with rule packs: named lists (such as the Forum Standaardisatie 'pas toe
of leg uit' list) that conditions test against with `on_list:`.

A data set is a `kind: ReferenceData` document beside the rule packs.  Rules name the data set,
never its contents, so a newer snapshot replaces the file without touching a rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from ..inputs.loader import Document


@dataclass(frozen=True)
class DataItem:
    name: str
    status: Optional[str]
    aliases: Tuple[str, ...] = ()


@dataclass(frozen=True)
class DataSet:
    name: str
    title: Dict[str, str]
    snapshot: str
    source: str
    items: Tuple[DataItem, ...]
    file: str

    def names(self, status: Optional[str] = None) -> Tuple[str, ...]:
        """Every name and alias of the items (of one status, when given), in file order."""
        out = []
        for item in self.items:
            if status is None or item.status == status:
                out.extend((item.name,) + item.aliases)
        return tuple(out)

    def statuses(self) -> Tuple[str, ...]:
        return tuple(sorted({i.status for i in self.items if i.status}))


def from_document(doc: Document) -> DataSet:
    """A DataSet from a document the referencedata schema has accepted."""
    data: Dict[str, Any] = doc.data
    title = data.get("title") or {}
    if isinstance(title, str):
        title = {"en": title, "nl": title}
    items = tuple(DataItem(str(i["name"]).strip(), i.get("status"),
                           tuple(str(a).strip() for a in i.get("aliases") or ()))
                  for i in data.get("items") or ())
    return DataSet(data["name"], dict(title), str(data["snapshot"]), data["source"], items,
                   doc.file)
