"""Seeded generator of synthetic, schema-valid initiative files for the benchmarks.

    python benchmarks/generate.py --count 1000 --seed 7 --out /tmp/idm-bench/1000 [--profile P]

Profiles: `generated` (this module), `realistic` (realistic.py: fixed vocabularies with Zipf-like
popularity, shared applications, longer texts, unquoted dates), `shared` (realistic, with one
business function common to every initiative) and `suppliers` (shared, each initiative with one
more application run as saas by one supplier common to the whole portfolio).

Every file validates against the initiative schema (so `idm check` exits 0 or 1, never 2).
Phases, sizes and list lengths vary, and each field is left out, emptied or set to a value
that makes a rule of the default pack fire with a modest probability, so that a portfolio has a
realistic share of findings (roughly a handful per initiative, some initiatives clean).
Vocabularies for the fields portfolio rules correlate on (business functions, data names) grow
with the portfolio, so groups stay small as they would in a real organisation.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from typing import Any, Dict, List

import yaml

PHASES = ["initiation", "foundation", "improvement", "continuous-improvement"]
CHAINS = ["organisation-specific", "organisation-generic", "generic-service"]
SOURCING = ["saas", "cots", "custom", "open-source", "bpo"]
HOSTING = ["eu", "non-eu", "on-premise"]
BASES = ["consent", "contract", "legal-obligation", "vital-interest", "public-task",
         "legitimate-interest"]
MATURITY = ["initiation", "basis", "development", "integration", "transformation"]
MAT_DOMAINS = ["data", "processes", "technology", "organisation", "governance"]
TOPICS = ["evenementenvergunning", "parkeervergunning", "bijstandsaanvragen", "afvalinzameling",
          "subsidieverlening", "burgerzaken", "belastingheffing", "omgevingsvergunning",
          "jeugdzorg", "schuldhulpverlening", "archivering", "klantcontact"]
AI_WORDS = ["risicoscore", "algoritme", "machine learning", "profilering"]
APPS = ["Zaaksysteem", "Formulierenplatform", "DMS", "Portaal", "Salarisverwerking",
        "Klantvolgsysteem", "GIS", "Belastingapplicatie", "BRP-koppeling", "Datawarehouse"]
STANDARDS_EXCHANGE = ["StUF-ZKN", "ZGW-API", "Digikoppeling", "REST-API Design Rules",
                      "OSLO", "OpenAPI 3"]
STANDARDS_OTHER = ["WCAG 2.1", "PDF/A", "NEN 2082", "ISO 27001", "EN 301 549"]
LEGISLATION = ["AVG", "Archiefwet", "WDO", "Wet open overheid", "Participatiewet",
               "Omgevingswet", "AI-verordening"]
STAKEHOLDERS = [("Inwoners", "people"), ("Ondernemers", "people"), ("Medewerkers", "people"),
                ("Gemeenteraad", "profit"), ("Team Handhaving", "profit"),
                ("Milieudienst", "planet"), ("Leverancier", "profit")]
RULE_IDS = ["BUS-003", "LEG-006", "TEC-001", "TEC-002", "INF-001", "LEG-007", "TEC-099"]


def _maybe(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def initiative(rng: random.Random, i: int, n: int) -> Dict[str, Any]:
    functions = max(20, n // 5)      # business functions: about five initiatives each
    data_names = max(20, n // 4)
    topic = rng.choice(TOPICS)
    ai = _maybe(rng, 0.12)
    title = "%s %s %d" % ("Digitaal" if not ai else rng.choice(AI_WORDS).capitalize(), topic, i)
    doc: Dict[str, Any] = {"apiVersion": "idm/v1", "kind": "Initiative",
                           "id": "INI-%06d" % i, "title": title}
    if _maybe(rng, 0.0005) and i > 0:
        doc["id"] = "INI-%06d" % (i - 1)          # a rare duplicate id (POR-002)
    if not _maybe(rng, 0.06):
        doc["owner"] = {"name": "Afdeling %s" % topic.capitalize()}
        if _maybe(rng, 0.5):
            doc["owner"]["role"] = "ketenowner"
    if not _maybe(rng, 0.08):
        doc["phase"] = rng.choice(PHASES)
    phase_rank = PHASES.index(doc.get("phase", "initiation"))
    doc["chain"] = rng.choice(CHAINS)
    if _maybe(rng, 0.9):
        budget: Dict[str, Any] = {"one_off": rng.randrange(10, 500) * 1000}
        if _maybe(rng, 0.8):
            budget["recurring_per_year"] = rng.choice([0, rng.randrange(5, 120) * 1000])
        doc["budget"] = budget
    if _maybe(rng, 0.93):
        doc["legacy"] = {"impact": "Sneller en beter voor inwoners bij %s." % topic}
        if _maybe(rng, 0.4):
            doc["legacy"]["contributes_to"] = ["bestuursakkoord-2025-dienstverlening"]
    if _maybe(rng, 0.9):
        outputs = [{"description": "Resultaat %d" % k,
                    **({"indicator": "percentage digitaal"} if _maybe(rng, 0.85) else {}),
                    **({"target": "%d%%" % rng.randrange(50, 100)} if _maybe(rng, 0.85) else {})}
                   for k in range(rng.randint(1, 3))]
        outcomes = [{"description": "Effect %d" % k, "indicator": "doorlooptijd",
                     "baseline": rng.randrange(10, 60), "target": rng.randrange(5, 30),
                     **({"stakeholder": rng.choice(["Inwoners", "Ondernemers", "Bezoekers"])}
                        if _maybe(rng, 0.6) else {})}
                    for k in range(rng.randint(0, 2))]
        doc["results"] = {"outputs": outputs}
        if outcomes:
            doc["results"]["outcomes"] = outcomes
    if _maybe(rng, 0.92):
        chosen = rng.sample(STAKEHOLDERS, rng.randint(1, 4))
        doc["stakeholders"] = [
            {"name": name, "perspective": persp,
             **({"interest": "begrijpelijke dienstverlening"} if _maybe(rng, 0.5) else {}),
             **({"involvement": rng.choice(["informed", "consulted", "involved",
                                            "co-creating"])} if _maybe(rng, 0.5) else {})}
            for name, persp in chosen]
    if _maybe(rng, 0.9):
        goals = [{"id": "G%d" % (k + 1), "description": "Doel %d voor %s" % (k + 1, topic),
                  **({"success_criteria": ["doorlooptijd onder %d dagen" % rng.randrange(5, 30)]}
                     if _maybe(rng, 0.85) else {}),
                  "priority": rng.choice(["high", "medium", "low"])}
                 for k in range(rng.randint(1, 4))]
        direction: Dict[str, Any] = {"goals": goals}
        if _maybe(rng, 0.97):
            direction["portfolio"] = {"programme": "Dienstverlening 2030",
                                      "decision": rng.choice(["proposed", "approved", "approved",
                                                              "rejected", "deferred"])}
        doc["direction"] = direction
    elif _maybe(rng, 0.5):
        doc["direction"] = {"portfolio": {"decision": "approved"}}     # POR-004
    personal = _maybe(rng, 0.6)
    if _maybe(rng, 0.93):
        privacy: Dict[str, Any] = {"personal_data": personal}
        if personal:
            if _maybe(rng, 0.92):
                privacy["purpose"] = "Behandelen van aanvragen (%s)" % topic
            if _maybe(rng, 0.92):
                privacy["legal_basis"] = rng.choice(BASES)
            if _maybe(rng, 0.85):
                privacy["dpia"] = {"status": rng.choice(["done", "done", "planned", "not-needed"]),
                                   "date": "2026-%02d-%02d" % (rng.randint(1, 12),
                                                               rng.randint(1, 28))}
            if _maybe(rng, 0.1):
                privacy["special_categories"] = True
        if _maybe(rng, 0.8):
            privacy["retention"] = rng.choice(["P7Y", "P20Y", "P6M", "P1Y6M"])
        security: Dict[str, Any] = {}
        if _maybe(rng, 0.85):
            security["classification"] = {k: rng.randint(1, 3) for k in
                                          ("confidentiality", "integrity", "availability")
                                          if _maybe(rng, 0.95)}
        if _maybe(rng, 0.85):
            security["risk_assessment"] = rng.choice(["done", "done", "planned", "none"])
        if _maybe(rng, 0.8):
            security["baseline"] = "BIO"
        design: Dict[str, Any] = {
            "governance": {"decision_body": "Architectuurboard",
                           "accountable": "Afdelingshoofd"},
            "processes": ["%s %s" % (rng.choice(["Aanvraag beoordelen", "Besluit nemen",
                                                 "Melding verwerken"]),
                                     rng.choice(AI_WORDS) if ai and _maybe(rng, 0.5) else topic)
                          for _ in range(rng.randint(1, 3))],
            "privacy": privacy, "security": security}
        if _maybe(rng, 0.7):
            design["culture"] = {"change_approach": "co-creatie met medewerkers",
                                 "training": ["zaakgericht werken"]}
        if _maybe(rng, 0.5):
            design["information"] = ["Aanvraag", "Besluit"]
        doc["design"] = design
    if _maybe(rng, 0.92):
        apps = []
        for k in range(rng.choice([0, 1, 1, 2, 2, 3, 4, 6])):
            base = rng.choice(APPS)
            app: Dict[str, Any] = {"name": "%s %d" % (base, rng.randrange(n * 2 + 10)),
                                   "sourcing": rng.choice(SOURCING)}
            app["hosting"] = rng.choice(["eu", "eu", "on-premise", "non-eu"]) if \
                not personal or _maybe(rng, 0.7) else rng.choice(HOSTING)
            if _maybe(rng, 0.6):
                app["supplier"] = "Leverancier %s" % rng.choice("ABCDEFG")
            if _maybe(rng, 0.7):
                app["exit_strategy"] = "data-export in open formaat"
            apps.append(app)
        data = []
        for k in range(rng.randint(0, 3)):
            item: Dict[str, Any] = {"name": "Gegevens %d" % rng.randrange(data_names),
                                    "personal": personal and _maybe(rng, 0.7)}
            if _maybe(rng, 0.85):
                item["owner"] = "Afdeling %s" % rng.choice(TOPICS[:6]).capitalize()
            if _maybe(rng, 0.25):
                item["open_data"] = not item["personal"] or _maybe(rng, 0.1)
            data.append(item)
        ops: Dict[str, Any] = {
            "business_functions": ["Functie %d" % rng.randrange(functions)
                                   for _ in range(rng.randint(1, 2))],
            "processes": ["Aanvraag ontvangen", "Besluit verzenden"][:rng.randint(1, 2)],
            "applications": apps, "data": data}
        if _maybe(rng, 0.6):
            ops["information_objects"] = ["Aanvraag", "Besluit"]
        doc["operations"] = ops
    if _maybe(rng, 0.92):
        legislation = rng.sample(LEGISLATION, rng.randint(0, 3))
        if personal and _maybe(rng, 0.85) and "AVG" not in legislation:
            legislation.append("AVG")
        principles: Dict[str, Any] = {"legislation": legislation}
        if phase_rank >= 1 or _maybe(rng, 0.6):
            std = []
            if _maybe(rng, 0.8):
                std.append(rng.choice(STANDARDS_EXCHANGE))
            std += rng.sample(STANDARDS_OTHER, rng.randint(0, 2))
            if std or _maybe(rng, 0.5):
                principles["standards"] = std
        if _maybe(rng, 0.25):
            exceptions = []
            for _ in range(rng.randint(1, 2)):
                e = {"rule": rng.choice(RULE_IDS), "justification": "Tijdelijk, zie besluit",
                     "approved_by": "CIO",
                     "expires": "%d-%02d-28" % (rng.choice([2025, 2026, 2027, 2028]),
                                                rng.randint(1, 12))}
                if _maybe(rng, 0.1):
                    del e["approved_by"]
                exceptions.append(e)
            principles["exceptions"] = exceptions
        doc["principles"] = principles
    if _maybe(rng, 0.9):
        doc["cadence"] = {"review": rng.choice(["monthly", "quarterly", "yearly", "continuous"])}
    if _maybe(rng, 0.6):
        domains = rng.sample(MAT_DOMAINS, rng.randint(1, 3))
        doc["maturity"] = {"current": {d: rng.choice(MATURITY) for d in domains},
                           "target": {d: rng.choice(MATURITY) for d in domains}}
    return doc


class _Dumper(yaml.SafeDumper):
    pass


PROFILES = ("generated", "realistic", "shared", "suppliers")


def generate(count: int, seed: int, out: str, profile: str = "generated") -> List[str]:
    """Write `count` files of `profile` into `out`; returns their paths."""
    if profile == "realistic":
        from realistic import initiative as make
    elif profile == "shared":
        from realistic import shared as make
    elif profile == "suppliers":
        from realistic import on_one_supplier as make
    elif profile == "generated":
        make = initiative
    else:
        raise ValueError("unknown profile %r (one of %s)" % (profile, ", ".join(PROFILES)))
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    paths = []
    width = max(5, len(str(count)))
    for i in range(count):
        doc = make(rng, i, count)
        path = os.path.join(out, "ini-%0*d.yaml" % (width, i))
        with open(path, "w", encoding="utf-8") as fh:
            yaml.dump(doc, fh, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                      default_flow_style=None, width=100)
        paths.append(path)
    return paths


def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--profile", choices=PROFILES, default="generated")
    a = ap.parse_args(argv)
    generate(a.count, a.seed, a.out, a.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
