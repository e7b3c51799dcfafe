"""ArchiMate models among the inputs of a check: each becomes one input per opted-in work
package, located in the model (`idm check MODEL.xml`, docs/archimate.md)."""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence, Tuple

from ...errors import InputError, Problem
from ...i18n import said
from ..discovery import STDIN, InputFile, display_name
from ..fields import NONE, DeclaredFields
from ..initiatives import Loaded, validated
from ..loader import DEFAULT_LIMITS, Limits, read_bytes
from .mapping import Selection, map_model
from .reader import looks_like_xml, parse_xml, read_model

Prepared = Dict[int, Tuple[Optional[Loaded], List[Problem]]]


def is_model_file(path: str) -> bool:
    """A file named on the command line that is XML: read as an ArchiMate model.  Its root
    element's namespace decides whether it is one (else one error line)."""
    if path == STDIN or not os.path.isfile(path):
        return False
    if path.lower().endswith(".xml"):
        return True
    try:
        with open(path, "rb") as fh:
            return looks_like_xml(fh.read(64))
    except OSError:
        return False


def model_initiatives(path: str, limits: Limits = DEFAULT_LIMITS,
                      selection: Selection = Selection(), fields: DeclaredFields = NONE
                      ) -> Tuple[List[Tuple[Optional[Loaded], List[Problem]]], List[Problem]]:
    """The validated initiatives of the model at `path`, one per opted-in work package, and
    the problems that concern the model as a whole; `fields`: the fields the packs declare."""
    name = display_name(path)
    try:
        model = read_model(name, parse_xml(name, read_bytes(path, name, limits.max_bytes),
                                           limits))
    except InputError as e:
        return [], [e.problem]
    mapped = map_model(model, selection)
    if not mapped.documents and not mapped.problems:
        root = model.root
        return [], [Problem.of(name, said("archimate.no_work_packages"), root.line, root.column)]
    return [validated(doc, fields=fields) for doc in mapped.documents], mapped.problems


def expand_models(files: Sequence[InputFile], limits: Limits, fields: DeclaredFields = NONE
                  ) -> Tuple[List[InputFile], Prepared, List[Problem]]:
    """`files` with each model replaced by one entry per work package, the loaded initiatives of
    those entries by index, and the problems of the models."""
    out: List[InputFile] = []
    prepared: Prepared = {}
    problems: List[Problem] = []
    for path, from_dir in files:
        if from_dir or not is_model_file(path):
            out.append((path, from_dir))
            continue
        loaded, found = model_initiatives(path, limits, fields=fields)
        problems.extend(found)
        for one in loaded:
            prepared[len(out)] = one
            out.append((path, from_dir))
    return out, prepared, problems
