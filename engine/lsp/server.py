"""The language server: pygls wiring of analysis.py and answers.py (docs/editors.md).

Diagnostics are worked out DEBOUNCE seconds after the last change of a document, on opening it
and on saving it (then also the portfolio rules across the workspace).  Results are kept in
memory only; a file that makes any step fail gets one diagnostic saying so, never a crash.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
from typing import Any, Callable, Dict, List, Optional, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from ..i18n import LANGS, catalogue
from . import analysis, answers, documents
from .analysis import Diag, Project

DEBOUNCE = 0.3     # seconds after the last change
SOURCE = "idm"
T = TypeVar("T")
log = logging.getLogger(__name__)

_SEVERITY = {"error": types.DiagnosticSeverity.Error,
             "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}


def _language(locale: Optional[str], fallback: str = "en") -> str:
    """idm's language for a client locale such as `nl-BE`."""
    short = (locale or "").split("-")[0].split("_")[0].lower()
    return short if short in LANGS else fallback


class IdmServer(LanguageServer):
    """The server's state: the language, the projects' compiled rule sets, the pending debounced
    checks, the last diagnostics of each document and the portfolio findings (all in memory)."""

    def __init__(self, lang: Optional[str] = None) -> None:
        from .. import __version__
        super().__init__("idm", __version__ or "0",
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.lang_given = lang
        self.lang = lang or "en"
        self.projects: Dict[str, Project] = {}
        self.packs: Dict[str, Any] = {}            # pack folder -> (texts' digest, rule set)
        self.pending: Dict[str, asyncio.TimerHandle] = {}
        self.shown: Dict[str, List[Diag]] = {}      # uri -> its last diagnostics
        self.portfolio: Dict[str, List[Diag]] = {}  # real path -> portfolio findings

    # -- documents -------------------------------------------------------------------------
    def text(self, uri: str) -> str:
        return self.workspace.get_text_document(uri).source

    def kind(self, uri: str) -> Optional[str]:
        path = to_fs_path(uri) or uri
        return documents.kind_of(path, self.text(uri))

    def unsaved(self) -> Dict[str, str]:
        """The open idm files' texts by path: packs and project files are read from these."""
        out = {}
        for uri, doc in list(self.workspace.text_documents.items()):
            path = to_fs_path(uri)
            if path and documents.kind_of(path, doc.source) not in (None, documents.INITIATIVE):
                out[path] = doc.source
        return out

    def project_for(self, path: str) -> Project:
        from ..inputs.config import find_config
        folder = os.path.dirname(os.path.abspath(path))
        try:
            key = find_config(folder) or "<bundled>"
        except Exception:   # noqa: BLE001 - an untrusted project file: load_project says why
            key = "<untrusted:%s>" % folder
        project = self.projects.get(key)
        if project is None:
            project = self.projects[key] = analysis.load_project(folder)
        return project

    def forget_projects(self) -> None:
        for project in self.projects.values():
            project.close()
        self.projects.clear()
        self.packs.clear()

    def pack_ruleset(self, path: str) -> Any:
        """The rule set of the pack holding `path`, with its unsaved texts (for completion,
        hover and definitions in pack files)."""
        from ..inputs.loader import reading_unsaved
        from ..pack.rulepack import load_ruleset_collecting
        root = analysis.pack_root(path)
        texts = self.unsaved()
        digest = hashlib.sha256(repr(sorted(texts.items())).encode("utf-8", "replace")).digest()
        cached = self.packs.get(root)
        if cached is not None and cached[0] == digest:
            return cached[1]
        with reading_unsaved(texts):
            ruleset, _ = load_ruleset_collecting([root])
        self.packs[root] = (digest, ruleset)
        return ruleset

    def ruleset_for(self, uri: str) -> Any:
        path = to_fs_path(uri) or uri
        if self.kind(uri) in documents.PACK_FILES:
            return self.pack_ruleset(path)
        return self.project_for(path).ruleset

    # -- diagnostics -----------------------------------------------------------------------
    def diagnose(self, uri: str) -> None:
        """Work out and publish the diagnostics of `uri` now."""
        self.pending.pop(uri, None)
        path = to_fs_path(uri) or uri
        try:
            text = self.text(uri)
            kind = documents.kind_of(path, text)
            project = self.project_for(path) if kind == documents.INITIATIVE else None
            found = analysis.diagnostics_for(
                kind, path, text, project, self.lang, self.unsaved(),
                self.portfolio.get(os.path.realpath(path), ()))
        except Exception as e:   # noqa: BLE001 - one diagnostic, never a crash
            log.exception("checking %s", uri)
            self.forget_projects()
            found = [Diag(0, 0, 0, 0, "error", catalogue(self.lang)("lsp.failed") % {
                "error": type(e).__name__})]
        self.shown[uri] = found
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=[to_lsp(d) for d in found]))

    def later(self, uri: str) -> None:
        """Diagnose `uri` DEBOUNCE seconds after its last change."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE, self.diagnose, uri)

    def portfolio_check(self, uri: str) -> None:
        """On saving an initiative: the portfolio rules over the workspace's initiatives."""
        path = to_fs_path(uri) or uri
        project = self.project_for(path)
        if not any(s.pairs is not None or s.aggregate is not None
                   for s in project.ruleset.specs):
            return      # no portfolio rule: nothing to run across the workspace
        root = self.workspace.root_path or os.path.dirname(os.path.abspath(path))
        try:
            found = analysis.portfolio_diagnostics(project, root, self.lang)
        except Exception:   # noqa: BLE001 - the per-file diagnostics stand
            log.exception("portfolio rules in %s", root)
            return
        before = set(self.portfolio)
        self.portfolio = found
        for real in before | set(found):
            other = from_fs_path(real)
            if other in self.workspace.text_documents:
                self.diagnose(other)
            elif other:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri=other, diagnostics=[to_lsp(d) for d in found.get(real, [])]))


def to_lsp(d: Diag) -> types.Diagnostic:
    data: Dict[str, Any] = {}
    if d.suggestion is not None:
        data["suggestion"] = d.suggestion
    if d.code is not None:
        data["rule"] = d.code
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=d.line, character=d.character),
                          end=types.Position(line=d.end_line, character=d.end_character)),
        message=d.message, severity=_SEVERITY.get(d.severity, types.DiagnosticSeverity.Error),
        code=d.code, source=SOURCE,
        code_description=types.CodeDescription(href=d.href) if d.href else None,
        data=data or None)


def _safe(default: Any) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A request handler that answers `default` instead of failing on a file it cannot read."""
    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        def handler(ls: IdmServer, params: Any) -> T:
            try:
                return fn(ls, params)
            except Exception:   # noqa: BLE001 - never crash on a malformed or hostile file
                log.exception("%s failed", fn.__name__)
                return default
        handler.__name__ = fn.__name__
        return handler
    return wrap


def make_server(lang: Optional[str] = None) -> IdmServer:
    server = IdmServer(lang)

    @server.feature(types.INITIALIZE)
    def initialize(ls: IdmServer, params: types.InitializeParams) -> None:
        if ls.lang_given is None:
            ls.lang = _language(params.locale)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: IdmServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.diagnose(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: IdmServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: IdmServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        kind = ls.kind(uri)
        if kind in documents.PACK_FILES or kind in (documents.PROJECT, documents.LOCK):
            ls.forget_projects()      # the packs changed: initiatives are checked anew
            for other in list(ls.workspace.text_documents):
                if other != uri:
                    ls.later(other)
        ls.diagnose(uri)
        if kind == documents.INITIATIVE:
            ls.portfolio_check(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: IdmServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.shown.pop(uri, None)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_safe(None)
    def hover(ls: IdmServer, params: types.HoverParams) -> Optional[types.Hover]:
        uri, pos = params.text_document.uri, params.position
        lines = ls.text(uri).splitlines()
        line = lines[pos.line] if pos.line < len(lines) else ""
        word, start, end = answers.word_at(line, pos.character)
        kind = ls.kind(uri)
        if kind is None:
            return None
        ruleset = ls.ruleset_for(uri)
        shown = answers.rule_hover(ruleset, word, ls.lang)
        if shown is None and kind == documents.INITIATIVE:
            shown = answers.field_hover(ruleset, lines, pos.line, pos.character, ls.lang)
        if shown is None:        # elsewhere on a finding: its rule
            for d in ls.shown.get(uri, ()):
                if d.code and d.line <= pos.line <= d.end_line:
                    shown = answers.rule_hover(ruleset, d.code, ls.lang)
                    break
        if shown is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=shown),
                           range=types.Range(start=types.Position(line=pos.line, character=start),
                                             end=types.Position(line=pos.line, character=end)))

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[":", " ", "-"]))
    @_safe(None)
    def completion(ls: IdmServer, params: types.CompletionParams) -> types.CompletionList:
        uri, pos = params.text_document.uri, params.position
        lines = ls.text(uri).splitlines()
        if pos.line >= len(lines):
            lines += [""] * (pos.line - len(lines) + 1)
        kind = ls.kind(uri)
        if kind == documents.INITIATIVE:
            found = answers.initiative_completions(ls.ruleset_for(uri), lines, pos.line,
                                                   pos.character, ls.lang)
        elif kind in documents.PACK_FILES:
            found = answers.pack_completions(ls.ruleset_for(uri), lines, pos.line,
                                             pos.character, _namespace(uri, ls.text(uri)))
        else:
            found = []
        kinds = {"field": types.CompletionItemKind.Field, "value": types.CompletionItemKind.EnumMember,
                 "rule": types.CompletionItemKind.Reference, "name": types.CompletionItemKind.Reference}
        return types.CompletionList(is_incomplete=False, items=[
            types.CompletionItem(label=i.label, insert_text=i.insert, detail=i.detail or None,
                                 kind=kinds[i.kind]) for i in found])

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @_safe(None)
    def code_action(ls: IdmServer, params: types.CodeActionParams) -> List[types.CodeAction]:
        uri = params.text_document.uri
        text = ls.text(uri)
        lines = text.splitlines()
        words = catalogue(ls.lang)
        out: List[types.CodeAction] = []
        seen = set()
        for d in params.context.diagnostics:
            data = d.data if isinstance(d.data, dict) else {}
            suggestion = data.get("suggestion")
            if d.source == SOURCE and isinstance(suggestion, str):
                old = lines[d.range.start.line][d.range.start.character:d.range.end.character] \
                    if d.range.start.line < len(lines) else ""
                out.append(types.CodeAction(
                    title=words("lsp.replace") % {"old": old, "new": suggestion},
                    kind=types.CodeActionKind.QuickFix, diagnostics=[d], is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                        range=d.range, new_text=suggestion)]})))
            rule = data.get("rule")
            if d.source == SOURCE and isinstance(rule, str) and rule not in seen \
                    and ls.kind(uri) == documents.INITIATIVE:
                seen.add(rule)
                edit = answers.exception_edit(_parsed(text), text, rule)
                out.append(types.CodeAction(
                    title=words("lsp.add_exception") % {"rule": rule},
                    kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                    edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(
                        range=types.Range(
                            start=types.Position(line=edit.line, character=edit.character),
                            end=types.Position(line=edit.end_line,
                                               character=edit.end_character)),
                        new_text=edit.text)]})))
        return out

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_safe(None)
    def definition(ls: IdmServer, params: types.DefinitionParams) -> Optional[types.Location]:
        uri, pos = params.text_document.uri, params.position
        lines = ls.text(uri).splitlines()
        line = lines[pos.line] if pos.line < len(lines) else ""
        word, start, _ = answers.word_at(line, pos.character)
        kind = ls.kind(uri)
        if not word or kind is None:
            return None
        ruleset = ls.ruleset_for(uri)
        found = answers.rule_definition(ruleset, word)
        if found is None and kind in documents.PACK_FILES:
            from ..inputs.loader import reading_unsaved
            from ..pack.rulepack import rule_files
            before = re.search(r"([A-Za-z_]+)\s*:\s*['\"]?$", line[:start])
            key = before.group(1) if before else ""
            section = {"predicate": "predicates", "matches_pattern": "patterns"}.get(key)
            if section is not None:
                path = to_fs_path(uri) or uri
                files = rule_files([analysis.pack_root(path)])
                with reading_unsaved(ls.unsaved()):
                    found = answers.definition_in_packs(files, section, word)
        if found is None and kind == documents.INITIATIVE:
            found = answers.field_definition(ruleset, lines, pos.line, pos.character)
        if found is None:
            return None
        file, at_line, at_col = found
        spot = types.Position(line=at_line, character=at_col)
        return types.Location(uri=from_fs_path(os.path.abspath(file)) or file,
                              range=types.Range(start=spot, end=spot))

    return server


def _namespace(uri: str, text: str) -> str:
    """The namespace of the pack file being edited (its predicates are written unqualified)."""
    from ..pack.rulepack import namespace
    doc = _parsed(text)
    if doc is None or not isinstance(doc.data, dict):
        return ""
    doc.file = to_fs_path(uri) or uri
    return namespace(doc)


def _parsed(text: str) -> Any:
    from ..inputs.loader import parse_yaml
    try:
        return parse_yaml("<editor>", text)
    except Exception:   # noqa: BLE001 - the exception goes at the end of the file instead
        return None


def serve(lang: Optional[str] = None) -> None:
    """Run the server on standard input and output until the client ends it."""
    make_server(lang).start_io()
