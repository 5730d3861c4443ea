"""The claim store: SQLite (through SQLAlchemy Core) now, PostgreSQL later."""

from orgraph.store.db import Store

__all__ = ["Store"]
