"""Derive idm's view of the Algoritmeregister publication standard from the register's own
configuration (engine/data/algoritmeregister/, see SOURCE.md there):

- engine/data/algoritmeregister/v1_0_0.schema.json: a JSON Schema of one record, which the
  export validates every record against;
- rules/algoritmeregister.yaml: the ALG rules of the default pack, the checks before publishing;
- rules/algoritmeregister-themes.yaml: the standard's themes as reference data.

    python tools/build_algoritmeregister.py                  # rewrite the committed files
    python tools/build_algoritmeregister.py --config C --out DIR   # another copy of the standard

Required fields, maximum lengths, permitted values, allowed HTML tags and the maximum number of
categories all come from the configuration; where idm reads each field comes from mapping.yaml.
A test re-runs this script and fails while a committed file is stale, so a new version of the
standard is a data change.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Any, Dict, List, Tuple

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# One regular expression for the rules' html_other_than and the schema's pattern.
from idm.engine.pack.operators.html_other_than import pattern as html_pattern  # noqa: E402
DATA = ROOT / "engine" / "data" / "algoritmeregister"
CONFIG = DATA / "v1_0_0.json"
MAPPING = DATA / "mapping.yaml"
SOURCE = ("https://github.com/MinBZK/Algoritmeregister/blob/"
          "fca0ce44a42ee51e79997d20c4285f89fcdb17d7/backend/app/schemas/config/v1_0_0.json")
SNAPSHOT = "2023-12-14"
EXTRA = "item.register_fields."     # where a field without a mapping is read
SCOPE_NOTE = "a status, impactful: true or a register.algoritmeregister link"


def truthy(value: Any) -> bool:
    """The configuration writes `required` as a boolean, once as the string "false"."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


# ------------------------------------------------------------------ the JSON Schema of a record

def _property(spec: Dict[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = {"title": spec["title"]}
    kind = spec["type"]
    if kind == "enum":
        out["enum"] = list(spec.get("permitted_values") or [])
    elif kind == "array" and isinstance(spec.get("items"), dict):
        props = {k: _property(v) for k, v in spec["items"].items()}
        required = [k for k, v in spec["items"].items() if truthy(v.get("required"))]
        item: Dict[str, Any] = {"type": "object", "properties": props,
                                "additionalProperties": False}
        if required:
            item["required"] = required
        out.update(type="array", items=item)
    elif kind == "array":
        out.update(type="array", items={"type": "string"})
        if spec.get("permitted_values"):
            out["items"]["enum"] = list(spec["permitted_values"])
        if spec.get("max_items") is not None:
            out["maxItems"] = spec["max_items"]
    else:
        out["type"] = "string"
        if spec.get("max_length") is not None:
            out["maxLength"] = spec["max_length"]
        if kind == "string":   # a tag outside allowed_html_tags (none listed: no tag at all)
            out["pattern"] = r"^(?![\s\S]*%s)" % html_pattern(spec.get("allowed_html_tags") or [])
    return out


def derive_schema(config: Dict[str, Any], version: str) -> Dict[str, Any]:
    props = config["properties"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Algoritmeregister publication standard %s: one registration" % version,
        "description": "Derived by tools/build_algoritmeregister.py from the register's schema "
                       "configuration (engine/data/algoritmeregister/SOURCE.md).",
        "type": "object",
        "required": [k for k, v in props.items() if truthy(v.get("required"))],
        "additionalProperties": False,
        "properties": {k: _property(v) for k, v in props.items()},
    }


# ------------------------------------------------------------------ the ALG rules

def source_path(field: str, mapping: Dict[str, Any]) -> Tuple[str, str]:
    """(how, idm path) of a field of the standard: how is path, derive or constant."""
    entry = mapping["fields"].get(field)
    if entry is None:
        return "path", EXTRA + field
    if "path" in entry:
        return "path", entry["path"]
    if "derive" in entry:
        return "derive", entry.get("fill", "")
    return "constant", ""


def checkable(path: str) -> bool:
    """A path a rule over ai_systems can read: of the item or of the initiative."""
    return not path.startswith("application.")


# The items to be published: being prepared for the register (a status), impactful, or already
# in it (an update).  A high-risk system with none of these is LEG-016's ("not published").
INTENT = [{"path": "item.status", "present": True},
          {"path": "item.register.algoritmeregister", "present": True}]
SCOPE = {"all": [
    {"any": INTENT + [{"path": "item.impactful", "equals": True}]},
    {"not": {"path": "item.risk_class", "equals": "prohibited"}}]}

REFERENCE = [{"title": "Algoritmeregister, publicatiestandaard 1.0.0 (schema configuration)",
              "url": SOURCE},
             {"title": "Algoritmekader, maatregel: publiceren in het algoritmeregister",
              "url": "https://minbzk.github.io/Algoritmekader/"}]


def _rule(rid: str, title: Tuple[str, str], severity: str, message: Tuple[str, str],
          rationale: Tuple[str, str], remediation: Tuple[str, str], when: Any, at: Any,
          fail: List[Any], passing: List[Any]) -> Dict[str, Any]:
    return {"id": rid, "title": {"en": title[0], "nl": title[1]}, "severity": severity,
            "category": "legislation", "domain": "principles",
            "message": {"en": message[0], "nl": message[1]},
            "rationale": {"en": rationale[0], "nl": rationale[1]},
            "remediation": {"en": remediation[0], "nl": remediation[1]},
            "references": REFERENCE, "for_each": "ai_systems", "when": when, "at": at,
            "examples": {"fail": fail, "pass": passing}}


def _put(doc: Dict[str, Any], path: str, value: Any) -> None:
    """Set `path` (item.X on the first ai_systems item, else on the document) in an example."""
    if path.startswith("item."):
        cur = doc.setdefault("ai_systems", [{}])[0]
        parts = path[5:].split(".")
    else:
        cur, parts = doc, path.split(".")
    for p in parts[:-1]:
        cur = cur.setdefault(p, {})
    cur[parts[-1]] = value


def _sample(field: str, spec: Dict[str, Any], mapping: Dict[str, Any]) -> Any:
    entry = mapping["fields"].get(field) or {}
    if "values" in entry:
        return next(iter(entry["values"]))
    example = spec.get("example")
    return example if isinstance(example, str) and example else "Voorbeeld"


def derive_rules(config: Dict[str, Any], mapping: Dict[str, Any]) -> Dict[str, Any]:
    props = config["properties"]
    required: List[str] = []
    complete: Dict[str, Any] = {"ai_systems": [{"risk_class": "high", "impactful": True}]}
    for field, spec in props.items():
        how, path = source_path(field, mapping)
        if truthy(spec.get("required")) and how == "path" and checkable(path):
            required.append(path)
            _put(complete, path, _sample(field, spec, mapping))
    limits = [(source_path(f, mapping)[1], s["max_length"]) for f, s in props.items()
              if s.get("max_length") is not None and s["type"] == "string"
              and source_path(f, mapping)[0] == "path" and checkable(source_path(f, mapping)[1])]
    html = [(source_path(f, mapping)[1], s.get("allowed_html_tags") or []) for f, s in props.items()
            if s["type"] == "string" and source_path(f, mapping)[0] == "path"
            and checkable(source_path(f, mapping)[1])]
    rules: List[Dict[str, Any]] = []
    n = iter(range(1, 100))

    def rid() -> str:
        return "ALG-%03d" % next(n)

    listed = ", ".join(required)
    first = required[0] if required else "item.name"
    missing_one = json.loads(json.dumps(complete))
    _put(missing_one, first, None)
    rules.append(_rule(
        rid(), ("Registration lacks a required field", "Registratie mist een verplicht veld"),
        "error",
        ("AI system '{item.name}' is to be published in the Algoritmeregister, but the "
         "required fields of the publication standard are not all filled: fill {missing}.",
         "AI-systeem '{item.name}' moet in het Algoritmeregister worden gepubliceerd, maar niet "
         "alle verplichte velden van de publicatiestandaard zijn gevuld: vul {missing}."),
        ("The register refuses a registration without its required fields; idm exports no "
         "record for such a system.",
         "Het register weigert een registratie zonder de verplichte velden; idm exporteert voor "
         "zo'n systeem geen record."),
        ("Fill every field the standard requires (%s); docs/algoritmeregister.md maps each "
         "field of the standard to the idm field it is read from." % listed,
         "Vul elk veld dat de standaard verplicht stelt (%s); docs/algoritmeregister.md koppelt "
         "elk veld van de standaard aan het idm-veld waaruit het wordt gelezen." % listed),
        {"all": [SCOPE, {"any": [{"path": p, "missing": True} for p in required]}]},
        {"first_missing": required},
        [missing_one], [complete, {"ai_systems": [{"name": "Chatbot", "risk_class": "minimal"}]},
                        {"ai_systems": [{"name": "Risicomodel", "risk_class": "high"}]}]))

    if "publication_category" in props and truthy(props["publication_category"].get("required")):
        rules.append(_rule(
            rid(), ("Publication category unknown", "Publicatiecategorie onbekend"), "error",
            ("AI system '{item.name}' is to be published, but its publication category cannot "
             "be told: it is not high-risk and item.impactful is not set.",
             "AI-systeem '{item.name}' moet worden gepubliceerd, maar de publicatiecategorie is "
             "niet te bepalen: het is geen hoog-risicosysteem en item.impactful is niet gevuld."),
            ("The standard requires the publication category: a high-risk AI system, an "
             "impactful algorithm or another algorithm.",
             "De standaard vereist de publicatiecategorie: hoog-risico AI-systeem, impactvol "
             "algoritme of overig algoritme."),
            ("Set ai_systems[].impactful to true for an impactful algorithm and to false for "
             "another algorithm (a risk_class of high makes it a high-risk AI system).",
             "Zet ai_systems[].impactful op true voor een impactvol algoritme en op false voor "
             "een overig algoritme (risk_class high maakt het een hoog-risico AI-systeem)."),
            {"all": [SCOPE, {"not": {"path": "item.risk_class", "equals": "high"}},
                     {"path": "item.impactful", "missing": True}]},
            "item.impactful",
            [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use"}]}],
            [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use", "impactful": False}]},
             {"ai_systems": [{"name": "Risicomodel", "risk_class": "high", "status": "in-use"}]}]))

    words = ", ".join("%s %d" % (p, m) for p, m in limits)
    long_example = {"ai_systems": [{"name": "N" * (limits[0][1] + 1) if limits else "N",
                                    "status": "in-use"}]}
    rules.append(_rule(
        rid(), ("Registration text too long", "Registratietekst te lang"), "error",
        ("AI system '{item.name}' has a text longer than the publication standard allows for "
         "its field.",
         "AI-systeem '{item.name}' heeft een tekst die langer is dan de publicatiestandaard "
         "voor dat veld toestaat."),
        ("The register refuses a field beyond its maximum length.",
         "Het register weigert een veld dat langer is dan de maximale lengte."),
        ("Shorten the text to the standard's maximum number of characters: %s." % words,
         "Kort de tekst in tot het maximale aantal tekens van de standaard: %s." % words),
        {"all": [SCOPE, {"any": [{"path": p, "longer_than": m} for p, m in limits]}]},
        "item", [long_example],
        [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use"}]},
         {"ai_systems": [{"name": "N" * (limits[0][1] + 1) if limits else "N",
                          "risk_class": "minimal"}]}]))

    category = props.get("category") or {}
    if category.get("permitted_values"):
        allowed = category["permitted_values"]
        rules.append(_rule(
            rid(), ("Theme not in the standard", "Thema niet in de standaard"), "error",
            ("AI system '{item.name}' names a theme that is not one of the standard's themes "
             "(idm rules list --data shows them).",
             "AI-systeem '{item.name}' noemt een thema dat niet bij de thema's van de standaard "
             "hoort (idm rules list --data toont ze)."),
            ("The register accepts only the themes of its own list.",
             "Het register accepteert alleen de thema's van de eigen lijst."),
            ("Choose the themes in ai_systems[].themes from the standard's list, for example "
             "'%s'." % allowed[0],
             "Kies de thema's in ai_systems[].themes uit de lijst van de standaard, "
             "bijvoorbeeld '%s'." % allowed[0]),
            {"all": [SCOPE, {"some": {"in": "item.themes", "as": "t",
                                      "where": {"not": {"path": "t",
                                                        "on_list": "algoritmeregister-themes"}}}}]},
            "item.themes",
            [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                              "themes": ["Parkeren"]}]}],
            [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                              "themes": [allowed[0]]}]}]))
    if category.get("max_items") is not None:
        most = category["max_items"]
        rules.append(_rule(
            rid(), ("Too many themes", "Te veel thema's"), "error",
            ("AI system '{item.name}' names more than %d themes." % most,
             "AI-systeem '{item.name}' noemt meer dan %d thema's." % most),
            ("The standard allows at most %d themes per registration." % most,
             "De standaard staat ten hoogste %d thema's per registratie toe." % most),
            ("Keep the %d themes that fit best in ai_systems[].themes." % most,
             "Houd de %d best passende thema's over in ai_systems[].themes." % most),
            {"all": [SCOPE, {"path": "item.themes", "count": {"gt": most}}]},
            "item.themes",
            [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                              "themes": (allowed * 2)[:most + 1]}]}],
            [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                              "themes": allowed[:most]}]}]))

    tags = sorted({t for _, ts in html for t in ts})
    rules.append(_rule(
        rid(), ("HTML the standard does not allow", "HTML die de standaard niet toestaat"),
        "error",
        ("AI system '{item.name}' has a text with an HTML tag the publication standard does "
         "not allow there (allowed in the long texts: %s, without attributes; none elsewhere)."
         % ", ".join(tags),
         "AI-systeem '{item.name}' heeft een tekst met een HTML-tag die de publicatiestandaard "
         "daar niet toestaat (toegestaan in de lange teksten: %s, zonder attributen; elders "
         "geen)." % ", ".join(tags)),
        ("The register removes or refuses other markup; a link or script in a text would not "
         "show as the organisation meant.",
         "Het register verwijdert of weigert andere opmaak; een link of script in een tekst "
         "zou niet verschijnen zoals de organisatie bedoelde."),
        ("Write plain text, or use only the allowed tags in the long texts.",
         "Schrijf platte tekst, of gebruik alleen de toegestane tags in de lange teksten."),
        {"all": [SCOPE, {"any": [{"path": p, "html_other_than": ts} for p, ts in html]}]},
        "item",
        [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                          "risks": "<script>alert(1)</script>"}]},
         {"ai_systems": [{"name": "<b>Parkeerscan</b>", "status": "in-use"}]}],
        [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                          "risks": "<p>Monitoring</p><ul><li>bias</li></ul><br/>"}]},
         {"ai_systems": [{"name": "Parkeerscan", "status": "in-use", "risks": "a < b"}]}]))

    rules.append(_rule(
        rid(), ("In use while the initiative is in initiation",
                "In gebruik terwijl het initiatief in initiatie is"), "warning",
        ("AI system '{item.name}' has status in-use, but the initiative is still in its "
         "initiation phase.",
         "AI-systeem '{item.name}' heeft de status 'in gebruik', maar het initiatief is nog in de "
         "initiatiefase."),
        ("A registration that says 'In gebruik' for a system whose initiative has not passed "
         "initiation tells the public something the portfolio contradicts.",
         "Een registratie die 'In gebruik' zegt voor een systeem waarvan het initiatief nog in "
         "initiatie is, vertelt het publiek iets wat het portfolio tegenspreekt."),
        ("Set ai_systems[].status to in-development, or update the initiative's phase.",
         "Zet ai_systems[].status op in-development, of werk de fase van het initiatief bij."),
        {"all": [{"path": "item.status", "equals": "in-use"},
                 {"path": "phase", "default": "initiation", "equals": "initiation"}]},
        "item.status",
        [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use"}]},
         {"phase": "initiation", "ai_systems": [{"name": "Parkeerscan", "status": "in-use"}]}],
        [{"phase": "improvement", "ai_systems": [{"name": "Parkeerscan", "status": "in-use"}]},
         {"ai_systems": [{"name": "Parkeerscan", "status": "in-development"}]}]))

    rules.append(_rule(
        rid(), ("End month while in use", "Einddatum terwijl in gebruik"), "error",
        ("AI system '{item.name}' has status in-use and an end month in in_use_until.",
         "AI-systeem '{item.name}' heeft de status 'in gebruik' en een einddatum in in_use_until."),
        ("The standard keeps the end date empty while an algorithm is in use.",
         "De standaard houdt de einddatum leeg zolang een algoritme in gebruik is."),
        ("Remove ai_systems[].in_use_until, or set the status to out-of-use.",
         "Verwijder ai_systems[].in_use_until, of zet de status op out-of-use."),
        {"all": [{"path": "item.status", "equals": "in-use"},
                 {"path": "item.in_use_until", "present": True}]},
        "item.in_use_until",
        [{"ai_systems": [{"name": "Parkeerscan", "status": "in-use",
                          "in_use_until": "2026-01"}]}],
        [{"ai_systems": [{"name": "Parkeerscan", "status": "out-of-use",
                          "in_use_until": "2026-01"}]}]))

    rules.append(_rule(
        rid(), ("Prohibited AI system is never registered",
                "Verboden AI-systeem wordt nooit geregistreerd"), "error",
        ("AI system '{item.name}' is a prohibited AI practice but is prepared for the "
         "Algoritmeregister: idm exports no registration for it; stop the practice instead.",
         "AI-systeem '{item.name}' is een verboden AI-praktijk maar wordt voorbereid voor het "
         "Algoritmeregister: idm exporteert er geen registratie voor; stop in plaats daarvan "
         "met de praktijk."),
        ("A prohibited practice may not be used at all; publishing it as if it were in use "
         "would misinform the public.",
         "Een verboden praktijk mag helemaal niet worden ingezet; publiceren alsof het in "
         "gebruik is, zou het publiek verkeerd informeren."),
        ("Stop the practice (LEG-011) and remove the system, or correct risk_class if it was "
         "misclassified.",
         "Stop de praktijk (LEG-011) en verwijder het systeem, of corrigeer risk_class als het "
         "verkeerd is geclassificeerd."),
        {"all": [{"path": "item.risk_class", "equals": "prohibited"}, {"any": INTENT}]},
        "item.risk_class",
        [{"ai_systems": [{"name": "Sociale score", "risk_class": "prohibited",
                          "status": "in-use"}]},
         {"ai_systems": [{"name": "Sociale score", "risk_class": "prohibited",
                          "register": {"algoritmeregister": "https://algoritmes.overheid.nl/x"}}]}],
        [{"ai_systems": [{"name": "Sociale score", "risk_class": "high", "status": "in-use"}]},
         # LEG-011 reports the practice; without a status its record lacks a required field
         {"ai_systems": [{"name": "Sociale score", "risk_class": "prohibited"}]}]))
    rules[-1]["waivable"] = False   # as LEG-011: no exception makes a prohibited practice fit

    return {
        "apiVersion": "idm/v1", "kind": "RulePack", "name": "idm-default-algoritmeregister",
        "description": {
            "en": "Checks before publishing in the Algoritmeregister (publication standard %s),"
                  " on every ai_systems item to be published (%s)" % (mapping["standard"],
                                                                        SCOPE_NOTE),
            "nl": "Controles vóór publicatie in het Algoritmeregister (publicatiestandaard %s),"
                  " op elk item van ai_systems dat gepubliceerd moet worden (status, impactful:"
                  " true, risk_class high of een link register.algoritmeregister)"
                  % mapping["standard"]},
        "rules": rules}


def derive_themes(config: Dict[str, Any], mapping: Dict[str, Any]) -> Dict[str, Any]:
    values = config["properties"]["category"]["permitted_values"]
    return {
        "apiVersion": "idm/v1", "kind": "ReferenceData", "name": "algoritmeregister-themes",
        "title": {"en": "Themes of the Algoritmeregister publication standard %s"
                        % mapping["standard"],
                  "nl": "Thema's van de publicatiestandaard %s van het Algoritmeregister"
                        % mapping["standard"]},
        "snapshot": SNAPSHOT, "source": SOURCE,
        "items": [{"name": v} for v in values]}


HEADER = ("# Generated by tools/build_algoritmeregister.py from engine/data/algoritmeregister/"
          "\n# (the register's own configuration and mapping.yaml): do not edit by hand.\n")


class _Plain(yaml.SafeDumper):
    """No anchors and aliases: every rule reads on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Dict[str, Any]) -> str:
    return HEADER + yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False,
                              width=100)


def build(config_path: pathlib.Path, out: pathlib.Path, rules_out: pathlib.Path) -> List[str]:
    config = json.loads(config_path.read_text("utf-8"))
    mapping = yaml.safe_load(MAPPING.read_text("utf-8"))
    files = {
        out / "v1_0_0.schema.json":
            json.dumps(derive_schema(config, mapping["standard"]), indent=2,
                       ensure_ascii=False) + "\n",
        rules_out / "algoritmeregister.yaml": dump_yaml(derive_rules(config, mapping)),
        rules_out / "algoritmeregister-themes.yaml": dump_yaml(derive_themes(config, mapping)),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in files]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--config", default=str(CONFIG))
    ap.add_argument("--out", help="one folder for all three files (default: where they live)")
    a = ap.parse_args()
    folder = pathlib.Path(a.out) if a.out else None
    for written in build(pathlib.Path(a.config), folder or DATA, folder or ROOT / "rules"):
        print(written)
