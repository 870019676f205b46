"""Alembic environment: lcplanner passes its own connection in; there is no alembic.ini."""
from alembic import context

from lcplanner.domain.model import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the in-process path is supported
    raise RuntimeError("lcplanner runs its migrations in-process through lcplanner.store.migrate")

context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
