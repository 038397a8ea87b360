"""What UI plugins return from ``kiosk_register_shelves`` and ``kiosk_register_screens``.

Headless on purpose: a plugin can build these without importing Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

# items(kiosk, customer_id, session_id) -> picks; customer_id is None for a guest.
ItemsFunction = Callable[[Any, "str | None", str], Sequence[Any]]


@dataclass(frozen=True)
class ShelfSpec:
    """A shelf of the picks screen.

    ``key`` is unique. ``title`` is English; the UI translates it (context
    "Shelves") when the kiosk has a translation for it. With ``items=None``
    the shelf shows the recommendation service's shelf of the same key
    (the built-in shelves); otherwise ``items`` gives the picks: objects with
    at least ``sku`` and ``name`` and, if they have them, ``price``, ``image``,
    ``theme``, ``stock_quantity``, ``location`` and ``reason`` (see
    ``kiosk.recommend``). ``order`` sorts shelves (lower first).
    ``personal`` shelves are left out for guests.
    """

    key: str
    title: str
    order: int = 100
    items: ItemsFunction | None = None
    personal: bool = False


@dataclass(frozen=True)
class ScreenSpec:
    """A whole screen a plugin adds; the picks screen shows a button for it.

    ``factory(kiosk, parent)`` returns the QWidget; it is called when the
    shopper opens the screen. ``title`` is the button's English text.
    """

    key: str
    title: str
    factory: Callable[[Any, Any], Any]
    order: int = 100
