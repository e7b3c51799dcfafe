"""`idm lsp` driven as an editor drives it (pytest-lsp starts the real server in a subprocess):
diagnostics with their range, rule code and "did you mean", code actions, hover, completion,
definitions, and a pack whose lint error appears and goes as it is edited."""
from __future__ import annotations

import os
import shutil
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "fixtures", "lsp")
SERVER = [sys.executable, "-m", "idm.cli", "lsp"]


async def _start(client: LanguageClient, root: str, locale: str) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri="file://" + root, locale=locale,
        workspace_folders=[types.WorkspaceFolder(uri="file://" + root, name="ws")]))


@pytest.fixture
def workspace(tmp_path):
    shutil.copy(os.path.join(FIXTURES, "typo.yaml"), tmp_path / "typo.yaml")
    shutil.copytree(os.path.join(FIXTURES, "pack"), tmp_path / "pack")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, workspace):
    await _start(lsp_client, str(workspace), "en-GB")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client_nl(lsp_client: LanguageClient, workspace):
    await _start(lsp_client, str(workspace), "nl-BE")
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path, text=None):
    uri = "file://" + str(path)
    text = text if text is not None else open(path, encoding="utf-8").read()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def _change(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def _at(d: types.Diagnostic):
    return (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)


@pytest.mark.asyncio
async def test_a_typo_gives_its_diagnostic_at_the_key_with_the_suggestion(client, workspace):
    uri = await _open(client, workspace / "typo.yaml")
    typo = [d for d in client.diagnostics[uri] if "ownr" in d.message]
    assert len(typo) == 1
    assert _at(typo[0]) == (4, 0, 4, 4)
    assert typo[0].severity == types.DiagnosticSeverity.Error
    assert "did you mean 'owner'" in typo[0].message
    assert typo[0].source == "idm"


@pytest.mark.asyncio
async def test_the_code_action_replaces_the_typo(client, workspace):
    uri = await _open(client, workspace / "typo.yaml")
    typo = [d for d in client.diagnostics[uri] if "ownr" in d.message]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=typo[0].range,
        context=types.CodeActionContext(diagnostics=typo)))
    fix = [a for a in actions if a.title == "Replace 'ownr' with 'owner'"]
    assert len(fix) == 1
    (edit,) = fix[0].edit.changes[uri]
    assert edit.new_text == "owner"
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.character) == \
        (4, 0, 4)
    # The corrected text: the input error is gone and the findings of the rules appear.
    fixed = open(workspace / "typo.yaml", encoding="utf-8").read().replace("ownr:", "owner:")
    after = await _change(client, uri, fixed, 2)
    assert not [d for d in after if "ownr" in d.message]
    finding = next(d for d in after if d.code)
    assert finding.code_description.href.startswith("https://")
    assert finding.code.lower() in finding.code_description.href


@pytest.mark.asyncio
async def test_a_finding_offers_an_exception_skeleton(client, workspace):
    text = open(workspace / "typo.yaml", encoding="utf-8").read().replace("ownr:", "owner:")
    path = workspace / "fixed.yaml"
    path.write_text(text, encoding="utf-8")
    uri = await _open(client, path)
    finding = next(d for d in client.diagnostics[uri] if d.code)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=finding.range,
        context=types.CodeActionContext(diagnostics=[finding])))
    add = [a for a in actions if a.title.startswith("Add an exception for %s" % finding.code)]
    assert len(add) == 1
    (edit,) = add[0].edit.changes[uri]
    assert edit.new_text.startswith("principles:\n  exceptions:\n    - rule: %s\n" % finding.code)
    assert "justification:" in edit.new_text and "approved_by:" in edit.new_text
    assert "expires:" in edit.new_text
    # Applied as it is, the exception's own rules ask for what is left to fill in ...
    after = await _change(client, uri, text + edit.new_text, 2)
    assert finding.code in {d.code for d in after}
    assert any(d.code and d.code.startswith("EXC-") for d in after)
    # ... and filled in, it waives the finding.
    filled = edit.new_text.replace('justification: ""', "justification: Besloten in de board") \
        .replace('approved_by: ""', "approved_by: Architectuurboard")
    after = await _change(client, uri, text + filled, 3)
    assert finding.code not in {d.code for d in after}
    assert not any(d.code and d.code.startswith("EXC-") for d in after)


@pytest.mark.asyncio
async def test_hover_on_a_rule_id_shows_the_rule(client, workspace):
    text = ("apiVersion: idm/v1\nkind: Initiative\nid: INI-1\ntitle: T\nprinciples:\n"
            "  exceptions:\n    - rule: BUS-001\n")
    path = workspace / "exc.yaml"
    path.write_text(text, encoding="utf-8")
    uri = await _open(client, path)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=6, character=14)))
    assert hover.contents.value.startswith("## BUS-001 No accountable owner")
    assert "**Rationale:**" in hover.contents.value
    assert "**Remediation:**" in hover.contents.value
    assert "**References:**" in hover.contents.value
    field = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=4, character=3)))
    assert field.contents.value.startswith("**principles**")


@pytest.mark.asyncio
async def test_hover_follows_the_client_locale(client_nl, workspace):
    uri = await _open(client_nl, workspace / "typo.yaml")
    typo = [d for d in client_nl.diagnostics[uri] if "ownr" in d.message]
    assert [d.message for d in typo] == ["onbekend veld 'ownr' (bedoelde u 'owner'?)"]
    field = await client_nl.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=6, character=2)))
    assert "Waarden: initiation, foundation, improvement, continuous-improvement" in \
        field.contents.value
    rule = "apiVersion: idm/v1\nkind: Initiative\nid: I\ntitle: T\nprinciples:\n" \
           "  exceptions:\n    - rule: BUS-001\n"
    path = workspace / "nl.yaml"
    path.write_text(rule, encoding="utf-8")
    uri = await _open(client_nl, path)
    hover = await client_nl.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=6, character=14)))
    assert hover.contents.value.startswith("## BUS-001 Eigenaar ontbreekt")
    assert "**Onderbouwing:**" in hover.contents.value


@pytest.mark.asyncio
async def test_completion_of_an_exception_rule_and_of_fields(client, workspace):
    text = ("apiVersion: idm/v1\nkind: Initiative\nid: INI-1\ntitle: T\nprinciples:\n"
            "  exceptions:\n    - rule: \n      \n")
    path = workspace / "complete.yaml"
    path.write_text(text, encoding="utf-8")
    uri = await _open(client, path)
    found = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=6, character=12)))
    labels = [i.label for i in found.items]
    assert "BUS-001" in labels and labels == sorted(labels)
    assert "EXC-001" not in labels        # the exception rules themselves cannot be waived
    fields = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=7, character=6)))
    assert {"justification", "approved_by", "expires", "rule"} <= \
        {i.label for i in fields.items}
    phase = "apiVersion: idm/v1\nkind: Initiative\nid: I\ntitle: T\nphase: \n"
    path.write_text(phase, encoding="utf-8")
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    uri = await _open(client, path)
    values = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=4, character=7)))
    assert [i.label for i in values.items] == ["initiation", "foundation", "improvement",
                                               "continuous-improvement"]


@pytest.mark.asyncio
async def test_editing_a_pack_shows_a_lint_error_and_clears_it(client, workspace):
    path = workspace / "pack" / "rules.yaml"
    good = open(path, encoding="utf-8").read()
    uri = await _open(client, path)
    assert list(client.diagnostics[uri]) == []
    bad = good.replace("path: owner.name, present", "path: ownr.name, present")
    shown = await _change(client, uri, bad, 2)
    errors = [d for d in shown if d.severity == types.DiagnosticSeverity.Error]
    assert len(errors) == 1 and "did you mean 'owner'" in errors[0].message
    line = bad.splitlines()[errors[0].range.start.line]
    assert line[errors[0].range.start.character:errors[0].range.end.character] == "ownr"
    assert list(await _change(client, uri, good, 3)) == []
    # A failing inline example is an error too.
    wrong = good.replace("fail: [{}]", "fail: [{phase: someday}]")
    shown = await _change(client, uri, wrong, 4)
    assert any("someday" in d.message for d in shown)
    # An inline example that does not do what it says is an error at that example.
    fires = good.replace("pass: [{owner: {name: Afdeling Vergunningen}}]",
                         "pass: [{owner: {name: Afdeling Vergunningen}}, {phase: initiation}]")
    shown = await _change(client, uri, fires, 5)
    (failed,) = shown
    assert failed.range.start.line == fires.splitlines().index(
        next(ln for ln in fires.splitlines() if "{phase: initiation}" in ln))
    assert "ED-001 examples.pass[1]" in failed.message
    assert not os.path.exists(workspace / "pack" / ".idm-cache")


@pytest.mark.asyncio
async def test_completion_and_definition_in_a_pack(client, workspace):
    path = workspace / "pack" / "rules.yaml"
    text = open(path, encoding="utf-8").read()
    uri = await _open(client, path)
    line = next(i for i, ln in enumerate(text.splitlines()) if "predicate: has_owner" in ln)
    col = text.splitlines()[line].index("has_owner") + 2
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=line, character=col)))
    assert found.uri == uri and found.range.start.line == 4
    names = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=line, character=col - 2)))
    assert "has_owner" in [i.label for i in names.items]
    rule = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=8, character=10)))
    assert rule.uri == uri and rule.range.start.line == 8


@pytest.mark.asyncio
async def test_saving_runs_the_portfolio_rules_across_the_workspace(client, workspace):
    os.remove(workspace / "typo.yaml")
    text = open(os.path.join(FIXTURES, "typo.yaml"), encoding="utf-8").read() \
        .replace("ownr:", "owner:")
    (workspace / "a.yaml").write_text(text, encoding="utf-8")
    (workspace / "b.yaml").write_text(text.replace("Digitaal aanvragen", "Tweede"),
                                      encoding="utf-8")
    uri = await _open(client, workspace / "a.yaml")
    assert "POR-002" not in {d.code for d in client.diagnostics[uri]}   # not while typing
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    other = (workspace / "b.yaml").as_uri()
    while "POR-002" not in {d.code for d in client.diagnostics.get(other, ())} or \
            "POR-002" not in {d.code for d in client.diagnostics.get(uri, ())}:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    duplicate = next(d for d in client.diagnostics[uri] if d.code == "POR-002")
    assert duplicate.range.start.line == 2      # at the id


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client_fields(lsp_client: LanguageClient, tmp_path):
    examples = os.path.join(os.path.dirname(FIXTURES), "..", "..", "docs", "examples")
    shutil.copytree(os.path.join(examples, "digital-government"), tmp_path / "pack")
    shutil.copy(os.path.join(examples, "portal-typo.yaml"), tmp_path / "portal.yaml")
    (tmp_path / ".idm.yaml").write_text("rules: [pack]\n", encoding="utf-8")
    await _start(lsp_client, str(tmp_path), "en")
    lsp_client.workspace_root = tmp_path
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_fields_declared_by_the_projects_packs_as_idm_check_reads_them(client_fields):
    client = client_fields
    path = client.workspace_root / "portal.yaml"
    uri = await _open(client, path)
    (typo,) = [d for d in client.diagnostics[uri] if "levl" in d.message]
    assert "did you mean 'level'" in typo.message and _at(typo) == (10, 8, 10, 12)
    lines = open(path, encoding="utf-8").read().splitlines()
    assert lines[8].strip() == "authentication:"
    found = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=10, character=8)))
    assert {"means", "level"} <= {i.label for i in found.items}
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=8, character=9)))
    assert "Authentication of users" in hover.contents.value
    assert "digital-government" in hover.contents.value
    declared = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=8, character=9)))
    assert declared.uri == (client.workspace_root / "pack" / "pack.yaml").as_uri()
