"""``enrich``: give every product of the store a theme and its colours."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from kiosk.catalogue.classify import assign_themes
from kiosk.catalogue.colours import colours_of
from kiosk.catalogue.themes import OTHER
from kiosk.store import catalogue

if TYPE_CHECKING:
    from kiosk.app import Kiosk


@dataclass
class EnrichReport:
    products: int = 0
    themed: int = 0  # got a theme other than "other"
    coloured: int = 0  # got at least one colour
    theme_share: float = 0.0
    colour_share: float = 0.0
    seeded: int = 0  # themed by the hand-written seed rules
    predicted: int = 0  # themed by the classifier
    changed: int = 0  # products whose theme or colours were rewritten
    by_theme: dict[str, int] = field(default_factory=dict)
    by_colour: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def enrich(kiosk_or_db: Kiosk | Database) -> EnrichReport:
    """Set ``products.theme`` and ``products.colours`` (a JSON list) for every product.

    Deterministic: the same catalogue always gets the same result, and a
    product whose values do not change is not rewritten.
    """
    started = time.perf_counter()
    db: Database = getattr(kiosk_or_db, "db", kiosk_or_db)
    rows = catalogue.names_and_looks(db)
    report = EnrichReport(products=len(rows))
    if not rows:
        return report
    names = [name for _, name, _, _ in rows]
    result = assign_themes(names)
    updates = []
    colour_counts: Counter[str] = Counter()
    for (sku, name, old_theme, old_colours), theme in zip(rows, result.themes, strict=True):
        colours = colours_of(name)
        colour_counts.update(colours)
        encoded = json.dumps(colours)
        if colours:
            report.coloured += 1
        if theme != OTHER:
            report.themed += 1
        if theme != old_theme or encoded != old_colours:
            updates.append((theme, encoded, sku))
    if updates:
        with db.atomic():
            catalogue.set_looks(db, updates)
    report.changed = len(updates)
    report.seeded = result.seeded
    report.predicted = result.predicted
    report.theme_share = round(report.themed / report.products, 4)
    report.colour_share = round(report.coloured / report.products, 4)
    report.by_theme = dict(sorted(Counter(result.themes).items(), key=lambda kv: -kv[1]))
    report.by_colour = dict(colour_counts.most_common())
    report.seconds = round(time.perf_counter() - started, 2)
    return report
