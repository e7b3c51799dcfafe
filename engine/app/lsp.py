"""`idm lsp`: the language server on standard input and output (docs/editors.md).

It needs the optional extra `idm[lsp]` (pygls, lsprotocol); without it the command says in one
line how to install it, exit code 2."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..i18n import catalogue
from .common import CommandResult, finish
from .console import Console


@dataclass
class LspOptions:
    lang: Optional[str] = None    # None: the client's locale (initialize), else English
    console: Console = field(default_factory=Console)


def lsp(options: LspOptions) -> CommandResult:
    """Serve until the client ends the session: exit code 0; 2 without the extra."""
    result = CommandResult()
    try:
        from ..lsp.server import serve
    except ImportError:
        options.console.error(catalogue(options.lang or "en")("lsp.not_installed"))
        result.exit_code = 2
        finish(result, options.console)
        return result
    serve(options.lang)
    finish(result, options.console)
    return result
