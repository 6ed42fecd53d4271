"""The SQLite driver of the office database: SQLCipher, through ``sqlcipher3``.

``sqlcipher3.dbapi2`` is the standard library's ``sqlite3`` module built against SQLCipher: the same
API, but its own exception classes. Everything in desktop/ that opens the office database or catches
its errors imports ``sqlite3`` from here (``from desktop.store.driver import sqlite3``), so an
``except sqlite3.Error`` really catches the errors of the connections we open.
"""

from __future__ import annotations

import sqlcipher3.dbapi2 as sqlite3

__all__ = ["sqlite3"]
