"""How long `idm import archimate` and `idm check MODEL.xml` take on a generated ArchiMate
model of 10,000 elements (benchmarks/RESULTS.md, "ArchiMate models").

    python benchmarks/archimate.py                 # 10,000 elements, 500 work packages
    python benchmarks/archimate.py --elements 20000 --keep /tmp/am

The model is written to a temporary folder (or --keep): 500 work packages, each with idm:
properties and 19 related elements of the mapped types (goals, outcomes, deliverables,
stakeholders, functions, processes, objects, applications, data, principles, constraints),
one relationship each, in the Open Group exchange format 3.1.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from xml.sax.saxutils import escape

TYPES = ["Goal", "Outcome", "Deliverable", "Stakeholder", "BusinessFunction", "BusinessProcess",
         "BusinessObject", "ApplicationComponent", "DataObject", "Principle", "Constraint",
         "Driver", "Requirement", "Node", "Goal", "BusinessProcess", "ApplicationComponent",
         "DataObject", "Stakeholder"]
PROPS = [("idm:id", "INI-{n:05d}"), ("idm:phase", "foundation"),
         ("idm:owner.name", "Afdeling {n}"), ("idm:budget.one_off", "1{n:04d}0")]


def generate(elements: int) -> str:
    per = len(TYPES) + 1
    packages = max(1, elements // per)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-bench">',
           '  <name xml:lang="nl">Benchmark</name>', "  <elements>"]
    rels = []
    for n in range(packages):
        out.append('    <element identifier="wp-%d" xsi:type="WorkPackage">' % n)
        out.append("      <name>Werkpakket %d</name>" % n)
        out.append("      <properties>")
        for i, (_, value) in enumerate(PROPS):
            out.append('        <property propertyDefinitionRef="pd-%d"><value>%s</value>'
                       '</property>' % (i, escape(value.format(n=n))))
        out.append("      </properties>")
        out.append("    </element>")
        for k, kind in enumerate(TYPES):
            ident = "e-%d-%d" % (n, k)
            out.append('    <element identifier="%s" xsi:type="%s"><name>%s %d</name>'
                       '</element>' % (ident, kind, kind, n))
            rels.append('    <relationship identifier="r-%d-%d" source="wp-%d" target="%s" '
                        'xsi:type="Association" />' % (n, k, n, ident))
    out.append("  </elements>")
    out.append("  <relationships>")
    out.extend(rels)
    out.append("  </relationships>")
    out.append("  <propertyDefinitions>")
    for i, (name, _) in enumerate(PROPS):
        out.append('    <propertyDefinition identifier="pd-%d" type="string"><name>%s</name>'
                   '</propertyDefinition>' % (i, name))
    out.append("  </propertyDefinitions>")
    out.append("</model>")
    return "\n".join(out) + "\n"


def timed(args) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "idm.cli"] + args, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(done.stderr.decode("utf-8", "replace"))
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--elements", type=int, default=10_000)
    ap.add_argument("--keep", help="Write the model and the initiatives here.")
    a = ap.parse_args()
    folder = a.keep or tempfile.mkdtemp(prefix="idm-archimate-")
    os.makedirs(folder, exist_ok=True)
    model = os.path.join(folder, "model.xml")
    text = generate(a.elements)
    with open(model, "w", encoding="utf-8") as fh:
        fh.write(text)
    out = os.path.join(folder, "initiatives")
    imported = timed(["import", "archimate", model, "--output", out])
    digest = hashlib.sha256()
    for name in sorted(os.listdir(out)):
        with open(os.path.join(out, name), "rb") as fh:
            digest.update(fh.read())
    checked = timed(["check", model, "--date", "2026-11-22", "--format", "json", "--output",
                     os.path.join(folder, "report.json")])
    print("elements %d, %d bytes, %d initiatives" % (a.elements, len(text.encode("utf-8")),
                                                    len(os.listdir(out))))
    print("import archimate: %.2f s (initiatives SHA-256 %s)" % (imported,
                                                                digest.hexdigest()[:16]))
    print("check MODEL.xml:  %.2f s" % checked)


if __name__ == "__main__":
    main()
