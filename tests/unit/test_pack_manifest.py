"""Pack manifests and composition (docs/design/packs.md §3-4): include/exclude by id and glob,
extends by name through `known`, cycles, a file of another pack's name, replaces of nothing,
and names of an extended pack visible unqualified."""
from __future__ import annotations

import textwrap

from idm.engine.pack.rulepack import load_ruleset_collecting

RULE = """\
  - id: {id}
    title: {{en: T, nl: T}}
    severity: warning
    category: business
    domain: direction
    message: {{en: M, nl: M}}
    when: {when}
    at: owner.name
"""


def pack(folder, name, extends="", rules=(), extra="", file_name=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent("""\
        apiVersion: idm/v2
        kind: Pack
        name: {name}
        version: 1.0.0
        """).format(name=name) + extends, "utf-8")
    body = "apiVersion: idm/v2\nkind: RulePack\n%s%s" % (
        "name: %s\n" % file_name if file_name else "", extra)
    body += "rules:\n" + "".join(RULE.format(id=r, when=w) for r, w in rules)
    (folder / "rules.yaml").write_text(body, "utf-8")
    return str(folder)


OWNER_MISSING = "{path: owner.name, missing: true}"


def ids(ruleset):
    return {s.id for s in ruleset.specs}


def test_include_takes_only_the_selected_rules_of_an_extended_pack(tmp_path):
    base = pack(tmp_path / "base", "base", rules=[("B-1", OWNER_MISSING), ("B-2", OWNER_MISSING),
                                                   ("C-1", OWNER_MISSING)],
                extra="predicates:\n  no_owner: %s\n" % OWNER_MISSING)
    top = pack(tmp_path / "top", "top",
               extends="extends:\n  - pack: base\n    include: [B-*]\n",
               rules=[("T-1", "{predicate: no_owner}")])
    ruleset, problems = load_ruleset_collecting([top], known={"base": base})
    assert problems == []
    assert {"B-1", "B-2", "T-1"} <= ids(ruleset) and "C-1" not in ids(ruleset)
    assert ruleset.packs["base"].version == "1.0.0" and not ruleset.packs["base"].given


def test_a_pack_given_itself_keeps_every_rule_whatever_another_selects(tmp_path):
    base = pack(tmp_path / "base", "base", rules=[("B-1", OWNER_MISSING), ("C-1", OWNER_MISSING)])
    top = pack(tmp_path / "top", "top", extends="extends:\n  - pack: base\n    exclude: [C-1]\n",
               rules=[("T-1", OWNER_MISSING)])
    ruleset, problems = load_ruleset_collecting([base, top])
    assert problems == [] and {"B-1", "C-1", "T-1"} <= ids(ruleset)


def test_an_unknown_extended_pack_and_a_cycle_are_errors_at_the_entry(tmp_path):
    lone = pack(tmp_path / "lone", "lone", extends="extends:\n  - pack: nowhere\n",
                rules=[("L-1", OWNER_MISSING)])
    _, problems = load_ruleset_collecting([lone])
    assert [p.path for p in problems] == ["extends[0].pack"]
    assert "extends 'nowhere', which is not loaded" in problems[0].message
    a = pack(tmp_path / "a", "a", extends="extends:\n  - pack: b\n", rules=[("A-1", OWNER_MISSING)])
    b = pack(tmp_path / "b", "b", extends="extends:\n  - pack: a\n", rules=[("B-1", OWNER_MISSING)])
    _, problems = load_ruleset_collecting([a], known={"b": b})
    assert any("makes a cycle (a -> b -> a)" in p.message for p in problems)


def test_a_file_with_another_name_and_include_with_exclude_are_refused(tmp_path):
    odd = pack(tmp_path / "odd", "odd", rules=[("O-1", OWNER_MISSING)], file_name="other")
    _, problems = load_ruleset_collecting([odd])
    assert len(problems) == 1 and problems[0].path == "name"
    assert "differs from the pack's name 'odd'" in problems[0].message
    both = pack(tmp_path / "both", "both",
                extends="extends:\n  - pack: idm-default\n    include: [A]\n    exclude: [B]\n",
                rules=[("X-1", OWNER_MISSING)])
    _, problems = load_ruleset_collecting([both])
    assert [(p.line, p.path, p.message) for p in problems] == [
        (8, "extends[0].exclude", "give include: or exclude:, not both")]


def test_replaces_of_a_rule_no_extended_pack_has_is_an_error(tmp_path):
    top = pack(tmp_path / "top", "top", extends="extends:\n  - pack: idm-default\n",
               rules=[("T-1", OWNER_MISSING)])
    path = tmp_path / "top" / "rules.yaml"
    path.write_text(path.read_text("utf-8").replace("  - id: T-1\n",
                                                    "  - id: T-1\n    replaces: NOPE-1\n"),
                    "utf-8")
    _, problems = load_ruleset_collecting([top])
    assert [(p.path, p.message) for p in problems] == [
        ("rules[0].replaces", "replaces 'NOPE-1', but no pack that pack 'top' extends defines it")]


def test_a_v1_folder_keeps_loading_as_before(tmp_path):
    folder = tmp_path / "v1"
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "apiVersion: idm/v1\nkind: RulePack\nname: mine\nrules:\n"
        + RULE.format(id="M-1", when=OWNER_MISSING), "utf-8")
    ruleset, problems = load_ruleset_collecting([str(folder)])
    assert problems == [] and "M-1" in ids(ruleset) and ruleset.packs == {}
