"""A small cache of query results, valid while the store is unchanged.

The dashboard asks the same aggregate questions again and again (every page load asks for
the unfiltered map, timeline and filter lists; four requests of one refresh share one text
search). Results are kept under a key that includes the store's version: the last report and
override ids and the number of events, so any ingest, merge or split (by this server or by
`sitrep ingest` in another process) makes the old entries unreachable. Concurrent requests
for one key compute it once.
"""
from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

VERSION_SQL = ("SELECT (SELECT MAX(id) FROM reports), (SELECT MAX(id) FROM overrides), "
               "(SELECT COUNT(*) FROM events)")


def store_version(conn: sqlite3.Connection) -> tuple:
    """Changes whenever reports, overrides or the number of events change."""
    return tuple(conn.execute(VERSION_SQL).fetchone())


class QueryCache:
    def __init__(self, size: int = 512):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get(self, conn: sqlite3.Connection, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for `key` in the store's current version, computed when missing."""
        full = (store_version(conn), key)
        while True:
            with self._lock:
                if full in self._items:
                    self._items.move_to_end(full)
                    return self._items[full]
                waiting = self._computing.get(full)
                if waiting is None:
                    self._computing[full] = threading.Event()
                    break
            waiting.wait()  # another thread computes it; then look again
        try:
            value = compute()
            with self._lock:
                self._items[full] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._computing.pop(full).set()
