"""What `idm rules test` reports besides text: JUnit XML (junit-10.xsd, one <testsuite> per file
of cases) and JSON (the counts, each failed case, the coverage when measured)."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, List, Optional, Sequence

_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: str) -> str:
    return _INVALID_XML.sub("\ufffd", value)


def _file(where: str) -> str:
    """The file of FILE:LINE[:COL] (a file name may hold colons: cut the numbers only)."""
    return re.sub(r"(:\d+)+$", "", where)


def junit(results: Sequence[Any], lang: str = "en") -> str:
    """`results`: CaseResult and ScenarioResult alike (where, name, passed, explain(lang));
    a scenario that could not run is an <error>, a failed one a <failure>."""
    root = ET.Element("testsuites", {"name": "idm rules test"})
    suites: Dict[str, ET.Element] = {}
    for r in results:
        file = _file(r.where)
        if file not in suites:
            suites[file] = ET.SubElement(root, "testsuite", {"name": _clean(file)})
        case = ET.SubElement(suites[file], "testcase", {"classname": _clean(file),
                                                        "name": _clean("%s %s" % (r.where,
                                                                                  r.name))})
        if not r.passed:
            tag = "error" if getattr(r, "status", "") == "error" else "failure"
            text = r.explain(lang)
            node = ET.SubElement(case, tag, {"message": _clean(text.splitlines()[0]),
                                             "type": tag})
            node.text = _clean(text)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite in root:
        cases = suite.findall("testcase")
        counts = {"tests": len(cases),
                  "failures": sum(1 for c in cases if c.find("failure") is not None),
                  "errors": sum(1 for c in cases if c.find("error") is not None)}
        for key, n in counts.items():
            suite.set(key, str(n))
            totals[key] += n
        suite.set("skipped", "0")
    for key, n in totals.items():
        root.set(key, str(n))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


def as_json(results: Sequence[Any], lang: str = "en",
            coverage: Optional[Dict[str, Any]] = None) -> str:
    failed: List[Dict[str, Any]] = [
        {"where": r.where, "name": r.name, "status": getattr(r, "status", "failed"),
         "explanation": r.explain(lang)} for r in results if not r.passed]
    out: Dict[str, Any] = {"passed": len(results) - len(failed),
                           "failed": len(failed), "failures": failed}
    if coverage is not None:
        out["coverage"] = coverage
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
