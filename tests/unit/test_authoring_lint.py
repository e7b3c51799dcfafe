"""`idm rules lint` beyond the loader: languages, placeholders."""
from idm.engine.authoring.lint import lint, placeholders


def test_default_pack_is_clean():
    result = lint([])
    assert result.problems == [] and result.exit_code() == 0


def test_placeholders():
    assert placeholders("{value} and {{literal}} and {key}") == {"value", "key"}


def test_missing_file_is_unusable(tmp_path):
    result = lint([str(tmp_path / "none.yaml")])
    assert result.exit_code() == 2
