"""History and audit trail (issue 20): every recorded run kept in a database, read back as runs
over time, differences between two runs and trends for the dashboard.

It reads a finished RunResult and never changes one; the reports stay deterministic.  Only the
commands that ask for history (--record, --db, --since-last, idm history, idm diff) import it,
so a plain check never loads SQLAlchemy.
"""
