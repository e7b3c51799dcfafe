"""Which kind of idm file an editor has open: by `apiVersion`/`kind`, else by its name."""
from __future__ import annotations

import os
import re
from typing import Optional

INITIATIVE, RULEPACK, REFERENCEDATA, PACK, PROJECT, LOCK, PROFILES, RULETESTS = (
    "Initiative", "RulePack", "ReferenceData", "Pack", "project", "lock", "CoverageProfiles",
    "RuleTests")
_KINDS = {INITIATIVE, RULEPACK, REFERENCEDATA, PACK, PROFILES, RULETESTS}
_KIND_LINE = re.compile(r"^kind:\s*['\"]?([A-Za-z]+)['\"]?\s*(#.*)?$", re.MULTILINE)
_API_LINE = re.compile(r"^apiVersion:\s*['\"]?idm/", re.MULTILINE)

PACK_FILES = (RULEPACK, REFERENCEDATA, PACK, PROFILES, RULETESTS)


def kind_of(path: str, text: str) -> Optional[str]:
    """The kind of the file at `path` holding `text`, or None when it is no idm file.  Read from
    the text without parsing it, so a file being typed keeps its kind while it does not parse."""
    name = os.path.basename(path)
    if name == ".idm.yaml":
        return PROJECT
    if name == "idm.lock":
        return LOCK
    head = text[:20000]
    found = _KIND_LINE.search(head)
    if found and found.group(1) in _KINDS:
        return found.group(1)
    if name in ("pack.yaml", "pack.yml"):
        return PACK
    if _API_LINE.search(head) and not found:
        return INITIATIVE       # an initiative being written, its kind not typed yet
    return None
