"""Portfolio rules on large groups (issue 15): one business function shared by every initiative,
applications shared by some, data sets with conflicting owners, duplicate ids, an initiative with
the same function twice.  The findings -- which sides, the five others named (the first five by
id), the "and N more" count -- are the ones the pairwise join gave, kept in
tests/fixtures/expected/large-groups*.json from before the join was replaced."""
from __future__ import annotations

import os

import pytest

from idm.engine.report import render
from idm.engine.check.run import check
from tests.steps.world import default_ruleset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join("tests", "fixtures", "large-groups")
EXPECTED = os.path.join(ROOT, "tests", "fixtures", "expected")


@pytest.mark.parametrize("lang,expected,jobs,spool_after", [
    ("en", "large-groups.json", 1, 200),       # results in memory, one process
    ("nl", "large-groups.nl.json", 2, 0)])     # results on disk, two workers
def test_large_groups_give_the_findings_of_the_pairwise_join(monkeypatch, lang, expected, jobs,
                                                             spool_after):
    monkeypatch.chdir(ROOT)
    result = check([CORPUS], default_ruleset(), "2026-06-01", jobs=jobs, spool_after=spool_after)
    with open(os.path.join(EXPECTED, expected), encoding="utf-8") as fh:
        want = fh.read()
    assert render(result, "json", lang=lang) == want
