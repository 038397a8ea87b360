"""Catalogue enrichment: a theme and colours for every product, from its name.

``THEMES`` (key -> shopper-facing name) and ``COLOURS`` are what shoppers
can state preferences about and what recommendations diversify over.
``enrich(kiosk_or_db)`` fills ``products.theme`` and ``products.colours``.
Method: docs/data.md.
"""

from kiosk.catalogue.colours import COLOURS, colours_of
from kiosk.catalogue.enrich import EnrichReport, enrich
from kiosk.catalogue.themes import OTHER, THEMES, seed_theme

__all__ = ["COLOURS", "OTHER", "THEMES", "EnrichReport", "colours_of", "enrich", "seed_theme"]
