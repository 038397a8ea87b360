"""A small hand-made store for the recommender tests (no tests here).

Alice buys tea every two weeks, a mug in March and a lantern in May; six other
shoppers bought the lantern together with a vanilla candle; anonymous sales
make the jumbo bag popular. Everything is written into a real SQLite file
through the kiosk's own store.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

NOW = datetime(2024, 7, 1, 12, 0)

PRODUCTS: dict[str, tuple[str, float, str, list[str]]] = {
    "10001": ("WHITE METAL LANTERN", 3.5, "candles_lights", ["white"]),
    "10002": ("VANILLA SCENTED CANDLE", 1.25, "candles_lights", ["cream"]),
    "10003": ("ENGLISH BREAKFAST TEA", 2.0, "kitchen", []),
    "10004": ("RED SPOTTY MUG", 2.5, "kitchen", ["red"]),
    "10005": ("BLUE SPOTTY MUG", 2.5, "kitchen", ["blue"]),
    "10006": ("GREEN SPOTTY MUG", 2.5, "kitchen", ["green"]),
    "10007": ("JUMBO BAG RED", 1.95, "bags", ["red"]),
    "10008": ("GEL PEN SET", 4.0, "stationery", []),
    "10009": ("CHRISTMAS STAR LANTERN", 6.0, "christmas", ["gold"]),  # never sold yet
    "10010": ("WOODEN TOY TRAIN", 12.0, "toys_games", []),
    "10011": ("SPOTTY TEA TOWEL", 3.0, "kitchen", ["red"]),
    "10012": ("PINK PAPER NAPKINS", 0.85, "party", ["pink"]),
}
LANTERN, CANDLE, TEA, RED_MUG, BLUE_MUG, GREEN_MUG = "10001", "10002", "10003", "10004", \
    "10005", "10006"
BAG, PENS, STAR, TRAIN, TOWEL, NAPKINS = "10007", "10008", "10009", "10010", "10011", "10012"

ALICE, NEW_SHOPPER, NO_CONSENT = "c-alice", "c-new", "c-noconsent"
OTHERS = [f"c-b{i}" for i in range(1, 7)]


def purchases() -> list[tuple[str, str | None, str, datetime]]:
    """(invoice, customer, sku, ts) of the hand-made store."""
    rows: list[tuple[str, str | None, str, datetime]] = []
    for i in range(6):  # tea every 14 days from 1 March
        rows.append((f"A{i}", ALICE, TEA, datetime(2024, 3, 1, 10) + timedelta(days=14 * i)))
    rows.append(("A-mug", ALICE, RED_MUG, datetime(2024, 3, 2, 11)))
    rows.append(("A-lantern", ALICE, LANTERN, datetime(2024, 5, 10, 15)))
    for n, customer in enumerate(OTHERS):
        day = datetime(2024, 4, 1, 9) + timedelta(days=3 * n)
        rows.append((f"B{n}", customer, LANTERN, day))
        rows.append((f"B{n}", customer, CANDLE, day))
        if n < 4:  # shoppers who bought the red mug also bought the tea towel
            rows.append((f"B{n}m", customer, RED_MUG, day + timedelta(days=1)))
            rows.append((f"B{n}m", customer, TOWEL, day + timedelta(days=1)))
    rows.append(("N1", NO_CONSENT, PENS, datetime(2024, 6, 1, 10)))
    rows.append(("N2", NO_CONSENT, PENS, datetime(2024, 6, 15, 10)))
    for i in range(20):  # anonymous sales: the jumbo bag is the store's bestseller
        rows.append((f"Z{i}", None, BAG, datetime(2024, 6, 10, 9) + timedelta(days=i)))
    for i in range(4):
        rows.append((f"Y{i}", None, NAPKINS, datetime(2024, 2, 1, 9) + timedelta(days=i)))
    return rows


def build_shop(kiosk: Any, *, consent: bool = True) -> Any:
    """Write the hand-made store into ``kiosk``'s database and return the kiosk."""
    created = "2024-01-01T00:00:00"
    with kiosk.transaction() as db:
        db.execute("INSERT INTO stores (id, name, created) VALUES (?, ?, ?)",
                   [kiosk.config.store_id, "Test Store", created])
        for sku, (name, price, theme, colours) in PRODUCTS.items():
            db.execute("INSERT INTO products (sku, name, price, theme, colours) "
                       "VALUES (?, ?, ?, ?, ?)", [sku, name, price, theme, json.dumps(colours)])
            db.execute("INSERT INTO stock (store_id, sku, quantity, location) VALUES (?, ?, ?, ?)",
                       [kiosk.config.store_id, sku, 5, f"Aisle {int(sku) % 4 + 1}"])
        for customer in [ALICE, NEW_SHOPPER, NO_CONSENT, *OTHERS]:
            db.execute("INSERT INTO customers (id, created, origin) VALUES (?, ?, 'import')",
                       [customer, created])
        for invoice, customer, sku, ts in purchases():
            db.execute("INSERT INTO purchases (invoice, customer_id, sku, quantity, price, ts, "
                       "store_id) VALUES (?, ?, ?, 1, ?, ?, ?)",
                       [invoice, customer, sku, PRODUCTS[sku][1], ts.isoformat(),
                        kiosk.config.store_id])
    if consent:
        for customer in [ALICE, NEW_SHOPPER, *OTHERS]:
            kiosk.privacy.set_consents(customer, {"personalisation": True,
                                                  "staff_profile": True})
        kiosk.privacy.set_consents(NO_CONSENT, {"personalisation": False,
                                                "staff_profile": False})
    return kiosk


def all_picks(shelves: list[Any]) -> list[Any]:
    return [pick for shelf in shelves for pick in shelf.picks]


def skus(shelves: list[Any]) -> list[str]:
    return [pick.sku for pick in all_picks(shelves)]
