"""The benchmark's peer harness (benchmarks/peers.py) on realistic files: unquoted YAML dates."""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import peers  # noqa: E402
import run as bench  # noqa: E402

EXAMPLE = os.path.join(ROOT, "examples", "with-findings.yaml")   # `expires: 2026-06-30`, unquoted


def test_documents_handed_to_the_engines_are_json_with_dates_as_text(monkeypatch):
    monkeypatch.chdir(ROOT)
    _, docs = bench.parse_floor([EXAMPLE])
    doc = peers.plain(docs[0])
    text = json.dumps(doc)          # what the Rego and GoRules peers do with every document
    assert '"expires": "2026-06-30"' in text


def test_the_subset_runs_on_files_with_unquoted_dates(monkeypatch):
    monkeypatch.chdir(ROOT)
    _, docs = bench.parse_floor([EXAMPLE])
    out = bench.subset(docs)
    assert out["idm"][1] != "0 findings"
    for name, (_, note) in out.items():   # a peer that is installed must agree with idm
        assert note.startswith(("findings equal", "not installed")) or name == "idm", (name, note)
    ref = peers.Idm("2026-11-22").run([peers.plain(d) for d in docs])
    assert (0, "EXC-002", 0) in ref, sorted(ref)   # the expired exception, dated as written
