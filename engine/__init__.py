"""idm: a rule-based compliance and principles engine for the Integraal Digitaliseringsmodel.

Dependencies flow one way: loader -> validate -> rulepack/language -> compiler -> evaluator
-> run -> report.  Nothing in this package imports click or the command line.
"""
import sys

__version__ = "0.1.0"

# durable-rules 2.0.28 does not import on 3.13+ (it calls PyEval_CallObject): say so plainly
# instead of letting a C-level ImportError surface.
if sys.version_info >= (3, 13):  # pragma: no cover - depends on the interpreter
    raise SystemExit(
        "idm needs Python 3.9 to 3.12: durable-rules 2.0.28 does not run on Python %d.%d"
        % sys.version_info[:2]
    )
