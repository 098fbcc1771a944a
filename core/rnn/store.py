"""Trained results shared by every session of a server, the latest few kept.

Training the same corpus with the same settings gives the same model, so a class pressing Train
with the defaults needs one run, not thirty. Background jobs write here from their own threads.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class ResultStore:
    """A bounded key → result map, oldest out first; safe to use from several threads."""

    def __init__(self, limit: int = 12) -> None:
        self.limit = limit
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def get(self, key: str) -> Any | None:
        with self._lock:
            return self._items.get(key)

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._items
