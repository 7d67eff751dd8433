"""The web app's access to the store: one read-only connection per worker thread, one writer.

FastAPI runs plain `def` endpoints on a thread pool and a `sqlite3` connection belongs to one
thread, so readers get a thread-local connection (`PRAGMA query_only`: the API cannot write
through it). Writes (POST /api/ingest) go through one `Store` behind a lock: SQLite has a
single writer anyway, and WAL lets the readers go on meanwhile.
"""
from __future__ import annotations

import os
import sqlite3
import threading

from ..store import Store
from .cache import QueryCache


class Database:
    """Connections to one store file (created with its tables when missing)."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        Store(self.path).close()  # creates the file and the tables, so readers find them
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._writer: Store | None = None
        self.cache = QueryCache()

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
        return conn

    def writer(self) -> tuple[Store, threading.Lock]:
        """The one `Store` that writes, and the lock to hold while using it."""
        with self._write_lock:
            if self._writer is None:
                self._writer = Store(self.path)
        return self._writer, self._write_lock
