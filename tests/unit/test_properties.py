"""Property-based tests (issue 8): generated initiative documents, valid and invalid, never
crash idm; every valid one is reported; findings are the same on every run and for any --jobs.

The default profile is small so the normal test run stays fast; `-m slow` runs a longer one.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Any, Dict, List, Tuple

import pytest
import yaml
from tests.cli_streams import captured
from hypothesis import HealthCheck, given, settings, strategies as st

from idm import cli
from idm.engine.authoring.examples import DEFAULT_DATE, initiative

FAST = settings(max_examples=8, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LONG = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
phases = st.sampled_from(["initiation", "foundation", "improvement", "continuous-improvement"])
dates = st.dates().map(lambda d: d.isoformat())

valid_partial = st.fixed_dictionaries({}, optional={
    "title": text.filter(str.strip),
    "phase": phases,
    "owner": st.fixed_dictionaries({"name": text.filter(str.strip)}),
    "budget": st.fixed_dictionaries({}, optional={
        "one_off": st.integers(0, 10 ** 9) | st.floats(0, 1e9, allow_nan=False),
        "recurring_per_year": st.integers(0, 10 ** 6)}),
    "legacy": st.fixed_dictionaries({"impact": text}),
    "stakeholders": st.lists(st.fixed_dictionaries({
        "name": text.filter(str.strip),
        "perspective": st.sampled_from(["people", "planet", "profit"])}), max_size=3),
    "design": st.fixed_dictionaries({"privacy": st.fixed_dictionaries({}, optional={
        "personal_data": st.booleans(), "purpose": text})}),
    "principles": st.fixed_dictionaries({}, optional={
        "legislation": st.lists(text.filter(str.strip), max_size=3),
        "exceptions": st.lists(st.fixed_dictionaries({
            "rule": st.sampled_from(["TEC-001", "INF-002", "ORG-999"]),
            "justification": text, "approved_by": text, "expires": dates}), max_size=2)}),
})

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | text,
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(text, c, max_size=3),
                           max_leaves=10)
# Invalid documents: wrong types in known places, unknown keys, or arbitrary YAML-ish text.
invalid_doc = st.one_of(
    st.builds(lambda k, v: initiative({k: v}), st.sampled_from(
        ["phase", "owner", "budget", "design", "principles", "stakeholders", "title"]), json_values),
    st.builds(lambda k, v: dict(initiative({}), **{k: v}), text, json_values),
    json_values,
)
raw_text = st.text(max_size=200) | st.binary(max_size=200)


def _run(args: List[str]) -> Tuple[int, str, str]:
    with captured() as (out, err):
        code = cli.run(args)
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def _write(folder: str, docs: List[Any], raws: List[Any]) -> List[str]:
    names = []
    for i, d in enumerate(docs):
        name = os.path.join(folder, "doc-%02d.yaml" % i)
        with open(name, "w", encoding="utf-8") as fh:
            fh.write(yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
        names.append(name)
    for i, r in enumerate(raws):
        name = os.path.join(folder, "raw-%02d.yaml" % i)
        with open(name, "wb") as fh:
            fh.write(r.encode("utf-8", "surrogatepass") if isinstance(r, str) else r)
        names.append(name)
    return names


def _findings(stdout: str) -> List[Tuple[Any, ...]]:
    report = json.loads(stdout)
    return sorted((i["id"], f["rule"], f["path"], f["file"]) for i in report["initiatives"]
                  for f in i["findings"])


portfolio = st.tuples(
    st.lists(valid_partial, min_size=1, max_size=4),
    st.lists(invalid_doc, max_size=2),
    st.lists(raw_text, max_size=2),
)


def _check_portfolio(data: Tuple[List[Dict[str, Any]], List[Any], List[Any]], jobs_too: bool) -> None:
    valid, invalid, raws = data
    docs = [initiative(p, "INI-P%02d" % i) for i, p in enumerate(valid)] + list(invalid)
    folder = tempfile.mkdtemp(prefix="idm-prop-")
    try:
        _write(folder, docs, raws)
        base = ["check", folder, "--format", "json", "--date", DEFAULT_DATE, "--jobs", "1"]
        code, out, err = _run(base)
        assert code in (0, 1, 2), (code, err)
        assert "Traceback" not in err
        ids = {i["id"] for i in json.loads(out)["initiatives"]}
        assert {"INI-P%02d" % i for i in range(len(valid))} <= ids, (ids, err)
        again = _run(base)
        assert again == (code, out, err)
        if jobs_too:
            parallel = _run(base[:-1] + ["2"])
            assert parallel[0] == code
            assert _findings(parallel[1]) == _findings(out)
            assert parallel[2] == err
    finally:
        shutil.rmtree(folder)


@FAST
@given(portfolio)
def test_generated_portfolios_never_crash_and_repeat_exactly(data):
    _check_portfolio(data, jobs_too=False)


@settings(FAST, max_examples=4)
@given(portfolio)
def test_jobs_one_and_two_give_the_same_findings(data):
    _check_portfolio(data, jobs_too=True)


@pytest.mark.slow
@LONG
@given(portfolio)
def test_generated_portfolios_long(data):
    _check_portfolio(data, jobs_too=True)
