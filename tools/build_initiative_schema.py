"""Regenerates engine/schemas/initiative.schema.json from the format spec (docs/initiative-format.md).

The schema is the contract; this script only saves typing `"null"` a hundred times.  A test checks
the committed JSON equals what this script builds.
"""
import json
import pathlib

NULL = {"type": "null"}


def opt(schema):
    """Every optional field and list item may be null (format spec, Types and null)."""
    if "$ref" in schema or "anyOf" in schema:
        return {"anyOf": [schema, NULL]}
    if isinstance(schema.get("type"), str):
        out = dict(schema, type=[schema["type"], "null"])
        if "enum" in out:
            out["enum"] = out["enum"] + [None]
        return out
    if isinstance(schema.get("type"), list):
        return dict(schema, type=schema["type"] + ["null"])
    return schema


def obj(props, required=(), extra=False):
    out = {"type": "object", "properties": {k: opt(v) for k, v in props.items()},
           "additionalProperties": extra}
    if required:
        out["required"] = list(required)
    return out


def lst(item):
    return {"type": "array", "items": opt(item)}


def enum(*values):
    return {"type": "string", "enum": list(values)}


TEXT = {"$ref": "#/$defs/text"}
TEXTS = lst(TEXT)
DATE = {"$ref": "#/$defs/date"}
# Years, months, weeks and days only: a time part (T...) is refused (docs/rule-language.md).
DURATION = {"$ref": "#/$defs/duration"}
AMOUNT = {"type": "number", "minimum": 0}
MEASURE = {"type": ["number", "string"]}
BOOL = {"type": "boolean"}
ORG_TYPES = ("municipality", "province", "water-board", "central-government",
             "independent-administrative-body", "flemish-local-government", "flemish-government",
             "other")
# Format v1.2: a month (in use since/until, as the Algoritmeregister writes it), a legislation item
# as a plain name or as {title, url}, and an impact assessment with a URL and a reason when it is
# not needed.
MONTH = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}
LEGISLATION_ITEM = {"anyOf": [TEXT, {"type": "object", "properties": {"title": TEXT, "url": TEXT},
                                     "required": ["title"], "additionalProperties": False}]}
ASSESSMENT = {"status": enum("done", "planned", "not-needed"), "date": DATE, "url": TEXT,
              "reason": TEXT}
LEVEL = enum("initiation", "basis", "development", "integration", "transformation")

schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://idm.example/schemas/initiative.schema.json",
    "title": "IDM initiative description (idm/v1.2)",
    "description": "One initiative, described along the seven domains of the Integraal "
                   "Digitaliseringsmodel and its review rhythm.",
    "type": "object",
    "$defs": {
        "text": {"type": "string"},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"},
        "duration": {"type": "string",
                     "pattern": r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?"
                                r"(\d+(\.\d+)?D)?$"},
    },
    "required": ["apiVersion", "kind", "id", "title"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"type": "string", "enum": ["idm/v1", "idm/v1.1", "idm/v1.2"]},
        "kind": {"const": "Initiative"},
        "id": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "owner": opt(obj({"name": TEXT, "role": TEXT})),
        "phase": opt(enum("initiation", "foundation", "improvement", "continuous-improvement")),
        "chain": opt(enum("organisation-specific", "organisation-generic", "generic-service")),
        "budget": opt(obj({"one_off": AMOUNT, "recurring_per_year": AMOUNT,
                           "ict_lifetime_eur": AMOUNT,
                           "acict": obj({"reported": DATE, "advice": TEXT})})),
        "organisation": opt(obj({"name": TEXT, "type": enum(*ORG_TYPES), "public_body": BOOL,
                                 "algorithm_register_url": TEXT})),
        "ai_systems": opt(lst(obj({
            "name": TEXT, "application": TEXT, "purpose": TEXT,
            "role": enum("provider", "deployer"),
            "risk_class": enum("prohibited", "high", "limited", "minimal", "not-ai"),
            "annex_iii_area": TEXT, "human_oversight": TEXT, "log_retention": DURATION,
            "fria": obj(ASSESSMENT),
            "register": obj({"algoritmeregister": TEXT, "eu_database": TEXT}),
            "informs_affected_persons": BOOL,
            # v1.2: what a registration in the Algoritmeregister needs (docs/algoritmeregister.md)
            "status": enum("in-development", "in-use", "out-of-use"),
            "in_use_since": MONTH, "in_use_until": MONTH,
            "contact": TEXT, "public_page": TEXT, "themes": TEXTS,
            "impactful": BOOL, "proportionality": TEXT, "risks": TEXT,
            "technical_description": TEXT,
            "register_fields": {"type": "object", "additionalProperties": opt(TEXT)}}))),
        "legacy": opt(obj({"impact": TEXT, "contributes_to": TEXTS})),
        "results": opt(obj({
            "outputs": lst(obj({"description": TEXT, "indicator": TEXT, "baseline": MEASURE,
                                "target": MEASURE})),
            "outcomes": lst(obj({"description": TEXT, "indicator": TEXT, "baseline": MEASURE,
                                 "target": MEASURE, "stakeholder": TEXT})),
        })),
        "stakeholders": opt(lst(obj({
            "name": TEXT, "perspective": enum("people", "planet", "profit"), "interest": TEXT,
            "involvement": enum("informed", "consulted", "involved", "co-creating")}))),
        "direction": opt(obj({
            "goals": lst(obj({"id": TEXT, "description": TEXT, "success_criteria": TEXTS,
                              "priority": enum("high", "medium", "low")})),
            "portfolio": obj({"programme": TEXT,
                              "decision": enum("proposed", "approved", "rejected", "deferred")}),
            "steering_information": TEXTS,
            "organisation_and_people": obj({"sponsor": TEXT, "competences": TEXTS}),
        })),
        "design": opt(obj({
            "governance": obj({"decision_body": TEXT, "accountable": TEXT}),
            "processes": TEXTS,
            "information": TEXTS,
            "privacy": obj({
                "personal_data": {"type": "boolean"},
                "special_categories": {"type": "boolean"},
                "purpose": TEXT,
                "legal_basis": enum("consent", "contract", "legal-obligation", "vital-interest",
                                    "public-task", "legitimate-interest"),
                "dpia": obj(ASSESSMENT),
                "retention": DURATION,
            }),
            "security": obj({
                "classification": obj({k: {"type": "integer", "minimum": 1, "maximum": 3}
                                       for k in ("confidentiality", "integrity", "availability")}),
                "risk_assessment": enum("done", "planned", "none"),
                "baseline": TEXT,
            }),
            "culture": obj({"change_approach": TEXT, "training": TEXTS}),
            "records": obj({
                "selectielijst": TEXT,
                "retention": lst(obj({"object": TEXT, "term": DURATION,
                                      "action": enum("destroy", "keep", "transfer")})),
                "edepot": BOOL}),
        })),
        "operations": opt(obj({
            "business_functions": TEXTS,
            "processes": TEXTS,
            "information_objects": TEXTS,
            "applications": lst(obj({
                "name": TEXT,
                "sourcing": enum("saas", "cots", "custom", "open-source", "bpo"),
                "hosting": enum("eu", "non-eu", "on-premise"),
                "supplier": TEXT, "exit_strategy": TEXT, "source_url": TEXT})),
            "data": lst(obj({"name": TEXT, "personal": {"type": "boolean"}, "owner": TEXT,
                             "open_data": {"type": "boolean"}})),
            "channels": lst(obj({
                "name": TEXT, "type": enum("website", "app", "intranet", "extranet", "api"),
                "url": TEXT, "public": BOOL, "https": BOOL, "hsts": BOOL,
                "accessibility": obj({"standard": TEXT, "statement_url": TEXT,
                                      "status": enum("A", "B", "C", "D", "E"),
                                      "audited": DATE})})),
            "procurements": lst(obj({
                "name": TEXT, "value_eur": AMOUNT, "date": DATE, "standards_required": TEXTS,
                "deviations": lst(obj({"standard": TEXT, "reason": TEXT,
                                       "annual_report_year": {"type": "integer",
                                                              "minimum": 1900,
                                                              "maximum": 2999}}))})),
        })),
        "principles": opt(obj({
            "legislation": lst(LEGISLATION_ITEM),
            "standards": TEXTS,
            "exceptions": lst(obj({"rule": TEXT, "justification": TEXT, "approved_by": TEXT,
                                   "expires": DATE})),
        })),
        "cadence": opt(obj({
            "review": enum("monthly", "quarterly", "yearly", "continuous"),
            "evaluation": TEXT,
        })),
        "maturity": opt(obj({
            "current": {"type": "object", "additionalProperties": opt(LEVEL)},
            "target": {"type": "object", "additionalProperties": opt(LEVEL)},
        })),
    },
}

if __name__ == "__main__":
    out = pathlib.Path(__file__).resolve().parent.parent / "engine/schemas/initiative.schema.json"
    out.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(out)
