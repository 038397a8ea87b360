"""The database's health: a damaged database puts the kiosk out of order until restart.

Damage reaches ``out_of_order`` three ways, each once: the store's own
connections report it as they meet it (on whatever thread; see
``kiosk.store.health``), a worker's job fails on it, or the ``quick_check``
run at start finds it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.store.health import Damage, StoreHealth, quick_check
from kiosk.ui.workers import Worker

log = logging.getLogger(__name__)


class HealthPresenter(QObject):
    out_of_order = Signal(object)   # Damage: the database, SQLite's words, the kind
    _met = Signal(object)           # Damage, emitted on any thread

    def __init__(self, kiosk: Any, workers: Iterable[Worker] = (),
                 parent: QObject | None = None):
        super().__init__(parent)
        self.kiosk = kiosk
        self.damage: Damage | None = None
        self.health: StoreHealth = kiosk.store.health
        self._met.connect(self._show, Qt.ConnectionType.QueuedConnection)
        for worker in workers:
            worker.damaged.connect(self.health.note)
        self.health.subscribe(self._listener)

    def _listener(self, damage: Damage) -> None:
        self._met.emit(damage)  # called on the thread that met the damage

    def check(self, worker: Worker) -> None:
        """Run SQLite's quick_check on the worker (about 0.1 s for a 90 MB store)."""
        kiosk = self.kiosk

        def found(damage: Damage | None) -> None:
            if damage is not None:
                self.health.report(damage)

        worker.run(lambda: quick_check(kiosk.db, kiosk.store.path), success=found)

    def _show(self, damage: Damage) -> None:
        if self.damage is None:
            self.damage = damage
            self.out_of_order.emit(damage)

    def close(self) -> None:
        self.health.unsubscribe(self._listener)
