"""`{param.NAME}` in a rule's message: the value of a pack parameter in force (its default, or
the project's value), so that a message states the term it tests instead of a copied literal."""
from __future__ import annotations

import pytest
import yaml

from idm.engine.check.run import check
from idm.engine.errors import InputError
from idm.engine.pack.rulepack import load_ruleset

MANIFEST = """\
apiVersion: idm/v2
kind: Pack
name: terms
version: 1.0.0
params:
  max_term: {type: duration, default: P4W}
"""

RULES = """\
apiVersion: idm/v2
kind: RulePack
rules:
  - id: TRM-001
    title: {en: Term too long, nl: Termijn te lang}
    message:
      en: "Term {value} is longer than {param.%s}."
      nl: "Termijn {value} is langer dan {param.%s}."
    category: legislation
    domain: design
    severity: warning
    for_each: design.records.retention
    when: {path: item.term, gt: {param: max_term}}
    at: item.term
"""


def _pack(tmp_path, name: str = "max_term") -> str:
    folder = tmp_path / "terms"
    folder.mkdir()
    (folder / "pack.yaml").write_text(MANIFEST, "utf-8")
    (folder / "rules.yaml").write_text(RULES % (name, name), "utf-8")
    return str(folder)


def _messages(tmp_path, pack: str, params=None):
    ini = tmp_path / "ini.yaml"
    ini.write_text(yaml.safe_dump({
        "apiVersion": "idm/v1", "kind": "Initiative", "id": "INI-1", "title": "T",
        "design": {"records": {"retention": [{"object": "Dossier", "term": "P3M",
                                              "action": "transfer"}]}}}), "utf-8")
    result = check([str(ini)], load_ruleset([pack], params=params or {}), "2026-11-22", jobs=1)
    assert not result.errors, result.errors
    return [f.message for i in result.initiatives for f in i.findings]


def test_the_message_shows_the_default_in_force(tmp_path):
    [message] = _messages(tmp_path, _pack(tmp_path))
    assert message["en"] == "Term P3M is longer than P4W."
    assert message["nl"] == "Termijn P3M is langer dan P4W."


def test_the_message_follows_the_project_value(tmp_path):
    [message] = _messages(tmp_path, _pack(tmp_path), {"terms.max_term": "P2M"})
    assert message["en"] == "Term P3M is longer than P2M."


def test_an_unknown_parameter_in_a_message_is_a_load_error_at_the_message(tmp_path):
    with pytest.raises(InputError) as e:
        load_ruleset([_pack(tmp_path, "max_trem")])
    problem = e.value.problem
    assert problem.file.endswith("rules.yaml")
    assert problem.path == "rules[0].message.en"
    assert "max_trem" in problem.message and "max_term" in problem.message   # did you mean


def test_a_directory_check_passes_over_a_pack_kept_beside_the_initiatives(tmp_path):
    """A project may keep its own pack in the folder of its initiatives: its manifest, its
    nameless RulePack files and its reference data are not initiatives."""
    from idm.engine.inputs.initiatives import load_initiatives
    _pack(tmp_path)
    (tmp_path / "terms" / "data.yaml").write_text(
        "apiVersion: idm/v1\nkind: ReferenceData\nname: lists\nsnapshot: 2026-01-01\n"
        "source: https://example.org/lists\nitems: [{name: A}]\n", "utf-8")
    (tmp_path / "ini.yaml").write_text(
        "apiVersion: idm/v1\nkind: Initiative\nid: INI-1\ntitle: T\n", "utf-8")
    loaded, problems = load_initiatives([str(tmp_path)])
    assert problems == []
    assert [one.id for one in loaded] == ["INI-1"]


def test_a_malformed_manifest_beside_the_initiatives_is_still_an_error(tmp_path):
    from idm.engine.inputs.initiatives import load_initiatives
    (tmp_path / "pack.yaml").write_text("apiVersion: idm/v2\nkind: Pack\nversion: 1.0.0\n",
                                        "utf-8")
    loaded, problems = load_initiatives([str(tmp_path)])
    assert loaded == []
    assert [(p.file.endswith("pack.yaml"), "name" in p.message) for p in problems] == [(True, True)]
