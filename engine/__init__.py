"""idm: a rule-based compliance and principles engine for the Integraal Digitaliseringsmodel.

Dependencies flow one way, stage by stage: inputs -> pack -> compile -> durable -> check ->
report (and authoring, which uses them all); errors, textnorm, i18n and model are shared by
every stage (docs/design/style.md).  Nothing in this package imports click or the command line.
"""

__version__ = "0.1.0"
