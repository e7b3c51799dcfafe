"""The `realistic` benchmark profile: initiatives as a municipality's portfolio has them.

The `generated` profile (generate.py) lets the vocabularies of the correlated fields grow with the
portfolio, so every group of initiatives sharing a value stays small.  A real portfolio is the
opposite: a fixed list of business functions, a handful of shared applications and data sets,
each used by many initiatives.  This profile starts from the generated initiative (same mix of
rule-firing fields) and replaces what the portfolio rules correlate on and the texts:

- fixed vocabularies: 40 business functions, 60 applications, 80 data sets, each drawn with
  Zipf-like popularity (weight 1 / rank), so the most popular values are shared by hundreds or
  thousands of initiatives;
- initiatives share applications (drawn from the same 60) and data sets, each data set with a
  usual owner that most initiatives write and some do not (conflicting ownership);
- texts of realistic length (a few sentences for impact, purpose, goals and results);
- dates written as unquoted YAML dates (`expires: 2027-06-30`), as people write them.
"""
from __future__ import annotations

import datetime
import itertools
import random
from typing import Any, Dict, List, Sequence

FUNCTIONS = [
    "Vergunningverlening", "Dienstverlening", "Klantcontact", "Handhaving", "Toezicht",
    "Belastingheffing", "Burgerzaken", "Inkomensondersteuning", "Schuldhulpverlening",
    "Jeugdhulp", "Wmo-ondersteuning", "Re-integratie", "Leerplicht", "Afvalinzameling",
    "Beheer openbare ruimte", "Parkeren", "Omgevingsplanning", "Ruimtelijke ordening",
    "Bouw- en woningtoezicht", "Milieubeheer", "Subsidieverlening", "Evenementen",
    "Archiefbeheer", "Informatiebeheer", "Financiën", "Inkoop", "Personeelszaken",
    "Communicatie", "Bestuursondersteuning", "Raadsondersteuning", "Verkiezingen",
    "Basisregistratie adressen en gebouwen", "Basisregistratie personen", "Geo-informatie",
    "Vastgoedbeheer", "Wegbeheer", "Riolering", "Groenbeheer", "Sport en recreatie",
    "Onderwijshuisvesting"]
APPLICATIONS = [
    "Zaaksysteem", "Documentmanagementsysteem", "Klantcontactsysteem", "E-formulieren",
    "Mijn Gemeente portaal", "Belastingapplicatie", "Sociaal domein suite", "BRP-voorziening",
    "BAG-beheer", "GIS-viewer", "Financieel systeem", "HR-systeem", "Inkoopsysteem",
    "Datawarehouse", "Archiefsysteem", "Omgevingsloket-koppeling", "Parkeervergunningen",
    "Afvalregistratie", "Meldingen openbare ruimte", "Subsidiesysteem", "Vergadersysteem",
    "Intranet", "Website CMS", "Chatbot", "Telefonieplatform", "Afsprakenplanner",
    "Betaalplatform", "Berichtenbox-koppeling", "Kwaliteitsmonitor", "Dashboarding",
    "Leerplichtregistratie", "Jeugdhulpregistratie", "Wmo-registratie", "Schuldhulpsysteem",
    "Handhavingssysteem", "Toezichtapp", "Begraafplaatsadministratie", "Vastgoedsysteem",
    "Wegbeheersysteem", "Rioleringsbeheer", "Groenbeheersysteem", "Kaartenplatform",
    "Verkiezingssysteem", "Raadsinformatiesysteem", "E-mailplatform", "Kantoorsoftware",
    "Identiteitsbeheer", "Servicedesk", "Notificatieservice", "API-gateway",
    "Gegevensmagazijn", "Open-dataportaal", "Risicomodel", "Sensorplatform",
    "Tijdregistratie", "Contractbeheer", "Projectportfoliotool", "Enquêtetool",
    "Beveiligingsmonitor", "Back-updienst"]
DATA_SETS = ["%s %s" % pair for pair in itertools.islice(itertools.product(
    ["Aanvraag", "Besluit", "Klant", "Melding", "Zaak", "Adres", "Perceel", "Object",
     "Betaling", "Aanslag"],
    ["gegevens", "registratie", "dossiers", "historie", "kenmerken", "documenten", "statussen",
     "overzichten"]), 80)]
DEPARTMENTS = ["Afdeling Vergunningen", "Afdeling Dienstverlening", "Afdeling Sociaal Domein",
               "Afdeling Openbare Ruimte", "Afdeling Financiën", "Afdeling Informatievoorziening",
               "Afdeling Belastingen", "Afdeling Burgerzaken"]
SENTENCES = [
    "Inwoners en ondernemers regelen hun zaken nu vaak nog op papier of aan de balie.",
    "De doorlooptijd van aanvragen is langer dan de wettelijke termijn toestaat.",
    "Medewerkers typen dezelfde gegevens over in meerdere systemen.",
    "Het huidige systeem wordt door de leverancier niet meer ondersteund na afloop van het contract.",
    "De gemeenteraad heeft gevraagd om betere sturingsinformatie over de dienstverlening.",
    "Klanten kunnen de status van hun aanvraag niet zelf volgen en bellen daarom het KCC.",
    "Gegevens worden nu per team bijgehouden in spreadsheets zonder eenduidige eigenaar.",
    "De regio werkt aan een gezamenlijke voorziening die hergebruikt kan worden.",
    "Na de invoering verwachten we minder fouten en minder herhaalverzoeken.",
    "Het initiatief sluit aan op de digitale agenda en het bestuursakkoord.",
    "Toegankelijkheid voor mensen met een beperking is een expliciet uitgangspunt.",
    "De werkwijze is in co-creatie met de betrokken teams en een klantpanel ontworpen.",
]


def zipf(rng: random.Random, values: Sequence[str], k: int = 1) -> List[str]:
    """k distinct values, the value of rank r drawn with weight 1 / r."""
    weights = [1.0 / (r + 1) for r in range(len(values))]
    out: List[str] = []
    while len(out) < min(k, len(values)):
        v = rng.choices(values, weights)[0]
        if v not in out:
            out.append(v)
    return out


def text(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(lo, hi)))


def _date(rng: random.Random, years: Sequence[int]) -> datetime.date:
    return datetime.date(rng.choice(list(years)), rng.randint(1, 12), rng.randint(1, 28))


def initiative(rng: random.Random, i: int, n: int) -> Dict[str, Any]:
    from generate import initiative as generated
    doc = generated(rng, i, n)
    topic = doc["title"].rsplit(" ", 2)[-2]
    doc["title"] = "%s: %s" % (doc["title"].rsplit(" ", 1)[0],
                               rng.choice(["betere dienstverlening", "minder papier",
                                           "één loket voor inwoners", "vervanging oud systeem",
                                           "sturen op data"]))
    if "legacy" in doc:
        doc["legacy"]["impact"] = text(rng, 2, 4)
    for goal in (doc.get("direction") or {}).get("goals") or []:
        goal["description"] = "%s Doel voor %s." % (text(rng, 1, 2), topic)
    for out in (doc.get("results") or {}).get("outputs") or []:
        out["description"] = text(rng, 1, 2)
    privacy = (doc.get("design") or {}).get("privacy") or {}
    if "purpose" in privacy:
        privacy["purpose"] = "Behandelen van aanvragen voor %s. %s" % (topic, text(rng, 1, 2))
    if "dpia" in privacy:
        privacy["dpia"]["date"] = _date(rng, [2025, 2026])
    for e in (doc.get("principles") or {}).get("exceptions") or []:
        e["expires"] = _date(rng, [2025, 2026, 2027, 2028])
    ops = doc.get("operations")
    if ops is not None:
        ops["business_functions"] = zipf(rng, FUNCTIONS, rng.randint(1, 2))
        names = zipf(rng, APPLICATIONS, len(ops["applications"]))
        for app, name in zip(ops["applications"], names):
            app["name"] = name
        sets = zipf(rng, DATA_SETS, len(ops["data"]))
        for item, name in zip(ops["data"], sets):
            item["name"] = name
            if "owner" in item:   # the usual owner of the set, or now and then another one
                usual = DEPARTMENTS[DATA_SETS.index(name) % len(DEPARTMENTS)]
                item["owner"] = usual if rng.random() < 0.9 else rng.choice(DEPARTMENTS)
    return doc


SHARED = FUNCTIONS[1]


def shared(rng: random.Random, i: int, n: int) -> Dict[str, Any]:
    """A realistic initiative that, whatever else it serves, serves one business function common
    to the whole portfolio: the largest group the portfolio rules can meet."""
    doc = initiative(rng, i, n)
    ops = doc.setdefault("operations", {})
    functions = [f for f in ops.get("business_functions") or [] if f != SHARED]
    ops["business_functions"] = [SHARED] + functions
    return doc



SUPPLIER = "Leverancier Een"


def on_one_supplier(rng: random.Random, i: int, n: int) -> Dict[str, Any]:
    """A `shared` initiative with one more application, its own by name (the pair rules meet
    the same groups as on `shared`), run as saas by the one supplier of the whole portfolio: a
    group rule's largest group."""
    doc = shared(rng, i, n)
    ops = doc.setdefault("operations", {})
    ops.setdefault("applications", []).append(
        {"name": "Dienst %d" % i, "sourcing": "saas", "supplier": SUPPLIER})
    return doc
