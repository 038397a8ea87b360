"""Collect the recommenders that plugins register."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

import pluggy

from kiosk.plugins import collect


@runtime_checkable
class _Registrable(Protocol):
    """What a registered recommender must have at least (``types.Recommender`` has all)."""

    name: str

    def fit(self, snapshot: Any) -> Any: ...

    def recommend(self, context: Any, k: int) -> Any: ...


def collect_recommenders(pm: pluggy.PluginManager, kiosk: Any = None) -> list[Any]:
    """Every registered recommender, sorted by name; misfits left out.

    ``kiosk`` is None in batch and evaluation runs that have no kiosk database.
    Two plugins registering one name raise ``DuplicateRegistration``.
    """
    found = collect(pm, "kiosk_register_recommenders", _Registrable, "name",
                    what="recommender", kiosk=kiosk)
    return sorted((rec for _, rec in found), key=lambda rec: rec.name)
