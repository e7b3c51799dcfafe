"""The committed catalogue under docs/rules/ is what `idm rules docs` generates, byte for byte."""
import os

from idm.engine.app.rules import DocsOptions, docs
from idm.engine.authoring.catalogue import render_list, select
from idm.engine.pack.rulepack import load_ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMITTED = os.path.join(ROOT, "docs", "rules")


def test_docs_rules_is_in_sync_with_the_default_pack(tmp_path):
    written = docs(DocsOptions(output=str(tmp_path))).written
    names = sorted(os.path.basename(p) for p in written)
    # spec-coverage.md is the pack's coverage, not a catalogue page (test_spec_coverage.py)
    assert names == sorted(n for n in os.listdir(COMMITTED) if n != "spec-coverage.md"), \
        "regenerate with: idm rules docs -o docs/rules"
    for name in names:
        with open(os.path.join(COMMITTED, name), "rb") as fh:
            committed = fh.read()
        assert (tmp_path / name).read_bytes() == committed, \
            "docs/rules/%s is stale: run idm rules docs -o docs/rules" % name


def test_list_filters_by_category_and_domain():
    specs = select(load_ruleset(), category="legislation", domain="operations")
    assert [s.id for s in specs] == ["LEG-006", "LEG-014", "LEG-018", "LEG-019"]
    assert render_list(specs, "markdown").splitlines()[2] == \
        "| LEG-006 | error | legislation | operations | Personal data hosted outside the EU |"
