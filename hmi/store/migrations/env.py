"""Alembic environment of the HMI store, run programmatically by `hmi.store.database.migrate`.

Online mode uses the connection `migrate` hands over in `config.attributes["connection"]`
(already inside the transaction that holds the write lock). Offline mode (`alembic upgrade
--sql`, for a DBA preparing a shared PostgreSQL database) renders SQL for the URL in
`sqlalchemy.url`.
"""

from __future__ import annotations

from typing import Any

from alembic import context

from hmi.domain.errors import ConfigError
from hmi.store.models import Base

config = context.config
options: dict[str, Any] = {
    "target_metadata": Base.metadata,
    "render_as_batch": True,
    "compare_type": True,
}

if context.is_offline_mode():
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise ConfigError("offline migration needs sqlalchemy.url: no database URL was given")
    context.configure(url=url, literal_binds=True, **options)
    with context.begin_transaction():
        context.run_migrations()
else:
    connection = config.attributes.get("connection")
    if connection is None:
        raise ConfigError("migrations run through hmi.store.migrate(engine): no connection given")
    context.configure(connection=connection, **options)
    with context.begin_transaction():
        context.run_migrations()
