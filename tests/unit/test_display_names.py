"""File names as reports show them: relative to the working directory when inside it."""
from __future__ import annotations

import os

import pytest

from idm.engine.inputs.discovery import display_name


@pytest.mark.parametrize("given,shown", [
    ("x.yaml", "x.yaml"), ("./x.yaml", "x.yaml"), ("b/../x.yaml", "x.yaml"),
    ("b/./c//d.yaml", os.path.join("b", "c", "d.yaml")),
    ("../here/x.yaml", "x.yaml"),           # back into the working directory
    ("../x.yaml", "../x.yaml"),             # outside: as given
    ("{here}/b/x.yaml", os.path.join("b", "x.yaml")), ("{parent}/x.yaml", "{parent}/x.yaml"),
    ("./..x/y.yaml", "./..x/y.yaml"),       # a name that starts with two dots: as given, as always
    ("-", "<stdin>"),
])
def test_a_file_is_named_from_the_working_directory(tmp_path, monkeypatch, given, shown):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    fill = {"here": str(here), "parent": str(tmp_path)}
    assert display_name(given.format(**fill)) == shown.format(**fill)
