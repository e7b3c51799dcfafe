"""`idm lsp` without the optional extra: one line saying how to install it, exit code 2."""
from __future__ import annotations

import subprocess
import sys

import pytest

WITHOUT_PYGLS = (
    "import sys; sys.modules['pygls'] = None; sys.modules['lsprotocol'] = None; "
    "sys.argv = ['idm', 'lsp'] + sys.argv[1:]; from idm.cli import entry; entry()")


@pytest.mark.parametrize("lang,line", [
    ("en", "idm lsp needs the language server extra: pip install 'idm[lsp]'"),
    ("nl", "idm lsp heeft de extra voor de taalserver nodig: pip install 'idm[lsp]'"),
])
def test_without_the_extra_it_says_how_to_install_it(lang, line):
    done = subprocess.run([sys.executable, "-c", WITHOUT_PYGLS, "--lang", lang],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == line
    assert done.stdout == ""
