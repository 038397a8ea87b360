"""The catalogue as staff browse it to curate: stock and location in this store."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kiosk.clienteling.book import check_limit
from kiosk.store import catalogue as catalogue_store

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def browse(kiosk: Kiosk, text: Any = "", *, limit: int = 50, in_stock: bool = False
           ) -> list[dict[str, Any]]:
    """Active products whose name holds ``text`` or whose sku starts with it."""
    if not isinstance(text, str) or len(text) > 100:
        raise ValueError("text: part of a product name or sku, at most 100 characters")
    rows = catalogue_store.browse(kiosk.db, kiosk.config.store_id, text.strip(),
                                  in_stock=bool(in_stock), limit=check_limit(limit))
    return [{"sku": sku, "name": name, "price": price,
             "stock": None if quantity is None else int(quantity), "location": location,
             "theme": theme, "colour": _first_colour(colours)}
            for sku, name, price, quantity, location, theme, colours in rows]


def _first_colour(colours: str | None) -> str | None:
    try:
        found = json.loads(colours or "[]")
    except ValueError:
        return None
    return found[0] if isinstance(found, list) and found else None
