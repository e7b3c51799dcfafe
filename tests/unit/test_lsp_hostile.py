"""The hostile corpus (tests/fixtures/hostile) replayed through `idm lsp` as an editor would
send it: as typed, as an initiative and as a rule pack.  The server answers every file with
diagnostics (an input error, not a crash), keeps answering requests, and writes no file."""
from __future__ import annotations

import os
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from tests.fixtures.hostile.generators import GENERATORS, HEAD  # noqa: E402

PACK_HEAD = "apiVersion: idm/v1\nkind: RulePack\nname: hostile\n"


def _editor_text(raw: bytes) -> str:
    """What an editor shows of the bytes: UTF-16 by its BOM, else UTF-8 with replacements."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8", errors="replace")


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "ws").mkdir()
    return tmp_path / "ws"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "idm.cli",
                                                              "lsp", "--lang", "nl"]))
async def client(lsp_client: LanguageClient, workspace):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=workspace.as_uri()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_the_hostile_corpus_never_crashes_the_server(client, workspace):
    version = 0
    for name, make in GENERATORS.items():
        text = _editor_text(make())
        head = HEAD.decode()
        for i, variant in enumerate((text, head + text, PACK_HEAD + text)):
            version += 1
            uri = (workspace / ("case-%d-%d.yaml" % (version, i))).as_uri()
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1,
                                                     text=variant)))
            while uri not in client.diagnostics:
                await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            shown = client.diagnostics[uri]
            if i == 1:   # as an initiative: what is wrong is said, in one diagnostic or more
                assert shown, (name, i, variant[:200])
            assert not any("kon dit bestand niet controleren" in d.message for d in shown), \
                (name, [d.message for d in shown])
            for request in (client.text_document_hover_async(types.HoverParams(
                                text_document=types.TextDocumentIdentifier(uri=uri),
                                position=types.Position(line=0, character=1))),
                            client.text_document_completion_async(types.CompletionParams(
                                text_document=types.TextDocumentIdentifier(uri=uri),
                                position=types.Position(line=1, character=0)))):
                await request      # answered (None or a result), not an error
            client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
    assert os.listdir(workspace) == []      # the server wrote nothing
