"""idm: a rule-based compliance and principles engine for the Integraal Digitaliseringsmodel.

Dependencies flow one way: loader -> validate -> rulepack/language -> compiler -> evaluator
-> run -> report.  Nothing in this package imports click or the command line.
"""
import sys

__version__ = "0.1.0"
