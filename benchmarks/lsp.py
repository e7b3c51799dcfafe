"""`idm lsp` as an editor sees it: how soon diagnostics follow the last change of a 1,000-line
initiative, and how much memory the server holds on a 2,000-file workspace.

    python benchmarks/lsp.py [--files 2000] [--lines 1000] [--edits 10] [--keep DIR]

Needs `pip install -e '.[lsp]'`.  Starts the real server (`python -m idm.cli lsp`) with pygls'
client, writes a workspace of generated initiatives (benchmarks/generate.py, seed 1), opens one
initiative of about --lines lines, then --edits times changes one value and measures from the
didChange notification to the publishDiagnostics that follows (the 0.3 s debounce included).
Then it saves the file, which runs the portfolio rules over the whole workspace, and reads the
server's peak resident memory (VmHWM) from /proc.  A benchmark, never a test.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from typing import List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import yaml  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from generate import generate  # noqa: E402


def long_initiative(lines: int) -> str:
    """A valid initiative of about `lines` lines: stakeholders and goals repeated."""
    head = ["apiVersion: idm/v1", "kind: Initiative", "id: INI-2026-LSP",
            "title: Een lang initiatief", "owner:", "  name: Afdeling Vergunningen",
            "phase: improvement", "stakeholders:"]
    body: List[str] = []
    i = 0
    while len(head) + len(body) < lines:
        i += 1
        body += ["  - name: Belanghebbende %d" % i, "    perspective: people",
                 "    interest: snelle afhandeling %d" % i, "    involvement: consulted"]
    return "\n".join(head + body) + "\n"


def peak_rss_mb(pid: int) -> float:
    with open("/proc/%d/status" % pid, encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


async def run(files: int, lines: int, edits: int, folder: str) -> None:
    generate(files - 1, 1, folder)
    path = os.path.join(folder, "long.yaml")
    text = long_initiative(lines)
    yaml.safe_load(text)
    with open(path, "w", encoding="utf-8") as fh:   # the benchmark's own input, not the server's
        fh.write(text)
    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params))

    await client.start_io(sys.executable, "-m", "idm.cli", "lsp", "--lang", "en")
    pid = client._server.pid      # the server's process (pygls keeps it there)
    uri = "file://" + path
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri="file://" + folder))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    _, first = await arrived.get()
    waits: List[float] = []
    for k in range(edits):
        changed = text.replace("Belanghebbende 1\n", "Belanghebbende 1%d\n" % k, 1)
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=k + 2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)]))
        when, _ = await arrived.get()
        waits.append(when - sent)
    saved = time.perf_counter()
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    # The server handles messages in order: the answer to a hover comes once the save's
    # portfolio run over the workspace is done.
    await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=0, character=0)))
    portfolio = time.perf_counter() - saved
    published = arrived.qsize()
    peak = peak_rss_mb(pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print("initiative: %d lines, %d diagnostics on opening" % (text.count("\n"),
                                                                len(first.diagnostics)))
    print("after the last change (debounce 0.3 s included), %d edits: median %.3f s, max %.3f s"
          % (edits, statistics.median(waits), max(waits)))
    print("save with the portfolio rules over %d files: %.2f s, %d files' diagnostics published"
          % (files, portfolio, published))
    print("server peak RSS: %.0f MB" % peak)
    ok = max(waits) <= 0.5 and peak < 150
    print("target %s: diagnostics within 0.5 s, under 150 MB" % ("met" if ok else "NOT met"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--keep", help="write the workspace here (default: a temporary folder)")
    args = parser.parse_args()
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        asyncio.run(run(args.files, args.lines, args.edits, os.path.abspath(args.keep)))
    else:
        with tempfile.TemporaryDirectory() as folder:
            asyncio.run(run(args.files, args.lines, args.edits, folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
