"""Alembic environment of the history store: always run by engine.history.store on a
connection it opened (inside the transaction that holds the store's lock), never offline."""
from alembic import context

from idm.engine.history.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  version_table="idm_alembic_version", render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
