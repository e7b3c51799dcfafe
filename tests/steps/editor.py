"""Steps for idm in the editor (features/authoring/editor.feature): what the language server
shows for a file, worked out in-process by the same functions `idm lsp` publishes."""
from __future__ import annotations

import os
from typing import Dict, List

import pytest
from pytest_bdd import parsers, then, when

from idm.engine.lsp import analysis, documents


@pytest.fixture
def editor() -> Dict[str, List[analysis.Diag]]:
    return {}


def _open(workdir, editor, name: str, lang: str) -> None:
    path = str(workdir / name)
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    kind = documents.kind_of(path, text)
    project = analysis.load_project(os.path.dirname(path)) \
        if kind == documents.INITIATIVE else None
    try:
        editor["shown"] = analysis.diagnostics_for(kind, path, text, project, lang)
    finally:
        if project is not None:
            project.close()


@when(parsers.parse('the editor opens "{name}"'))
def editor_opens(workdir, editor, name: str) -> None:
    _open(workdir, editor, name, "en")


@when(parsers.parse('the editor opens "{name}" in Dutch'))
def editor_opens_nl(workdir, editor, name: str) -> None:
    _open(workdir, editor, name, "nl")


@then(parsers.parse('the editor shows an {level} at line {line:d}, columns {first:d}-{last:d}: '
                    '"{text}"'))
def shows(editor, level: str, line: int, first: int, last: int, text: str) -> None:
    """Columns first..last of the line, 1-based and inclusive, as the editor shows them."""
    found = [d for d in editor["shown"] if d.message == text]
    assert [(d.severity, d.line + 1, d.character + 1, d.end_character) for d in found] == \
        [(level, line, first, last)], editor["shown"]


@then(parsers.parse('its quick fix replaces it with "{word}"'))
def quick_fix(editor, word: str) -> None:
    assert [d.suggestion for d in editor["shown"] if d.suggestion] == [word]


@then(parsers.parse('the editor shows finding {rule} at line {line:d} with a link to its '
                    'documentation'))
def shows_finding(editor, rule: str, line: int) -> None:
    found = [d for d in editor["shown"] if d.code == rule]
    assert [d.line + 1 for d in found] == [line], editor["shown"]
    assert found[0].href is not None and "#%s-" % rule.lower() in found[0].href
