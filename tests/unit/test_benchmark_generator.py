"""The benchmark generator (benchmarks/generate.py) must keep producing schema-valid initiatives."""
import os
import sys

from idm.engine.inputs import validate
from idm.engine.inputs.loader import load_file

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks"))
import generate  # noqa: E402


def test_generated_initiatives_validate(tmp_path):
    paths = generate.generate(20, seed=3, out=str(tmp_path))
    assert len(paths) == 20
    for p in paths:
        doc = load_file(p)
        assert validate.problems(doc, "initiative") == [], p


def test_generator_is_seeded(tmp_path):
    a = generate.generate(3, seed=9, out=str(tmp_path / "a"))
    b = generate.generate(3, seed=9, out=str(tmp_path / "b"))
    assert [open(x).read() for x in a] == [open(x).read() for x in b]


def test_realistic_and_shared_profiles_validate(tmp_path):
    for profile in ("realistic", "shared"):
        paths = generate.generate(15, seed=3, out=str(tmp_path / profile), profile=profile)
        for p in paths:
            doc = load_file(p)
            assert validate.problems(doc, "initiative") == [], p
        if profile == "shared":
            assert all("Dienstverlening" in load_file(p).data["operations"]["business_functions"]
                       for p in paths)
    # dates are written as YAML dates, not quoted text
    assert any("expires: 20" in open(p, encoding="utf-8").read() or
               "date: 20" in open(p, encoding="utf-8").read() for p in paths)
