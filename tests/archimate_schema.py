"""The Open Group ArchiMate 3.1 exchange schemas, kept in tests/fixtures/archimate/xsd, read
without the network: the xml: and Dublin Core imports point at the local copies."""
from __future__ import annotations

import functools
import os
from typing import List

XSD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "archimate", "xsd")


@functools.lru_cache(maxsize=1)
def _schema():
    import xmlschema
    base = XSD + os.sep
    return xmlschema.XMLSchema(
        base + "archimate3_Diagram.xsd", base_url=base, allow="sandbox",
        locations={"http://www.w3.org/XML/1998/namespace": base + "xml.xsd",
                   "http://purl.org/dc/elements/1.1/": base + "dc.xsd"})


def schema_errors(text: str) -> List[str]:
    """What the schemas find wrong in an exchange file (its text); [] when it is valid."""
    return [str(e.reason) for e in _schema().iter_errors(text)]
