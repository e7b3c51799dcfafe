"""The result cache of the evaluating commands (docs/cache.md): where it is for a run, and
`idm cache clear`."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

from ..check.cache import FOLDER, ResultCache, clear
from ..i18n import catalogue
from .common import CommandResult, finish, run_command
from .console import Console


def cache_folder(project_file: Optional[str], asked: Optional[bool]) -> Optional[str]:
    """The cache folder of a run, or None when the run uses none.

    `asked`: True (--cache), False (--no-cache, or `cache: false` in the project file), None
    (neither).  In a project (a .idm.yaml in force) the cache is on unless turned off, in
    .idm/cache beside the project file; outside one it is off unless asked for, and then in
    .idm/cache of the working directory: nothing is written where the user did not ask."""
    if asked is False:
        return None
    if project_file is not None:
        return os.path.join(os.path.dirname(os.path.abspath(project_file)), FOLDER)
    return os.path.abspath(FOLDER) if asked else None


def result_cache(project_file: Optional[str], asked: Optional[bool]) -> Optional[ResultCache]:
    folder = cache_folder(project_file, asked)
    return None if folder is None else ResultCache(folder)


@dataclass
class CacheOptions:
    project_file: Optional[str] = None   # the .idm.yaml in force; None: the working directory
    lang: str = "en"
    console: Console = field(default_factory=Console)


@dataclass
class CacheResult(CommandResult):
    removed: int = 0       # entries removed
    folder: str = ""


def clear_cache(options: CacheOptions) -> CacheResult:
    """`idm cache clear`: remove every entry of the cache of this project (or of the working
    directory).  Exit code 0, also when there was nothing to remove."""
    console = options.console
    result = CacheResult()

    def body() -> int:
        folder = cache_folder(options.project_file, True)
        assert folder is not None
        result.folder = folder
        result.removed = clear(folder)
        console.echo(catalogue(options.lang).plural("cache.cleared", result.removed)
                     % {"count": result.removed, "folder": folder})
        return 0

    result.exit_code = run_command(console, body, options.lang)
    finish(result, console)
    return result


__all__ = ["CacheOptions", "CacheResult", "cache_folder", "clear_cache", "result_cache"]
