"""idm: a rule-based compliance and principles engine for the Integraal Digitaliseringsmodel.

Dependencies flow one way: loader -> validate -> rulepack/language -> compiler -> evaluator
-> run -> report.  Nothing in this package imports click or the command line.
"""
import sys

__version__ = "0.1.0"

# durable-rules 2.0.28 calls PyEval_CallObject, which Python 3.13 removed: built without the
# README's CPPFLAGS its C module fails to import with an undefined symbol.  Say how to mend it
# instead of letting a C-level ImportError surface.
try:
    import durable_rules_engine  # noqa: F401
except ImportError as e:  # pragma: no cover - depends on how durable-rules was built
    if "PyEval_CallObject" not in str(e):
        raise
    raise SystemExit(
        "idm: durable-rules was built for Python %d.%d without the needed flag; reinstall it with\n"
        "  CPPFLAGS=-DPyEval_CallObject=PyObject_CallObject pip install --force-reinstall "
        "--no-cache-dir durable-rules==2.0.28" % sys.version_info[:2])
