"""`idm rules init NAME`: the files of a new pack that passes `idm rules lint` and `idm rules
test` as it is: a manifest, one rule with examples, a `_test.yaml` and a Dutch `.feature`
(docs/authoring.md, "Starting a pack")."""
from __future__ import annotations

import os
import re
from typing import Dict

MANIFEST = """\
# The manifest of the pack (docs/packs.md).
apiVersion: idm/v2
kind: Pack
name: {name}
version: 0.1.0
requires: {{idm: ">=0.1,<1"}}
title: {{en: "{name}", nl: "{name}"}}
"""

RULES = """\
# The rules of the pack (docs/rule-language.md).  Each example is a partial initiative: it
# must make the rule fire (fail) or not (pass); `idm rules test` runs them.
apiVersion: idm/v2
kind: RulePack
rules:
  - id: {rule}
    title: {{en: Owner not named, nl: Eigenaar niet genoemd}}
    severity: warning
    category: business
    domain: stakeholders
    message:
      en: "The initiative names no owner (owner.name)."
      nl: "Het initiatief noemt geen eigenaar (owner.name)."
    rationale:
      en: "Without an owner nobody decides on the initiative or answers for it."
      nl: "Zonder eigenaar beslist niemand over het initiatief en legt niemand er verantwoording over af."
    remediation:
      en: "Name the owner in owner.name."
      nl: "Noem de eigenaar in owner.name."
    when: {{path: owner.name, missing: true}}
    at: owner.name
    examples:
      fail:
        - {{title: Zonder eigenaar}}
      pass:
        - {{owner: {{name: Afdeling Vergunningen}}}}
"""

TESTS = """\
# Test cases of the pack: each case lists the rules that must fire (docs/authoring.md).
apiVersion: idm/v1
kind: RuleTests
cases:
  - name: an initiative without an owner
    initiatives:
      - {{title: Zonder eigenaar}}
    expect: [{rule}]
  - name: an initiative with an owner
    initiatives:
      - {{owner: {{name: Afdeling Vergunningen}}}}
    expect: []
"""

FEATURE = """\
# language: nl
# The living specification of the pack: `idm rules test {name}` runs it
# (the steps: docs/gherkin-steps.md).
Functionaliteit: Eigenaarschap ({rule})
  Als compliance officer
  wil ik dat elk initiatief een eigenaar noemt
  zodat duidelijk is wie beslist

  Scenario: {rule} meldt een initiatief zonder eigenaar
    Gegeven een initiatief met:
      \"\"\"yaml
      title: Zonder eigenaar
      \"\"\"
    Als ik het initiatief controleer
    Dan vuurt regel {rule} op "owner.name"
    En bevat de melding van regel {rule} "eigenaar"

  Scenario: {rule} vuurt niet als de eigenaar genoemd is
    Gegeven een initiatief met:
      \"\"\"yaml
      owner: {{name: Afdeling Vergunningen}}
      \"\"\"
    Als ik het initiatief controleer
    Dan vuurt regel {rule} niet
"""


def rule_id(name: str) -> str:
    """The first rule's id: up to three letters of the pack's name, then 001."""
    letters = re.sub(r"[^A-Z]", "", os.path.basename(os.path.normpath(name)).upper())
    return "%s-001" % (letters[:3] or "PKG")


def files(folder: str) -> Dict[str, str]:
    """The path of each file of the new pack (under `folder`) and its text."""
    name = os.path.basename(os.path.normpath(folder))
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "pack"
    values = {"name": slug, "rule": rule_id(folder)}
    return {os.path.join(folder, "pack.yaml"): MANIFEST.format(**values),
            os.path.join(folder, "rules", slug + ".yaml"): RULES.format(**values),
            os.path.join(folder, "rules", slug + "_test.yaml"): TESTS.format(**values),
            os.path.join(folder, "features", slug + ".feature"): FEATURE.format(**values)}
