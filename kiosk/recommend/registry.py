"""Collect the recommenders that plugins register."""

from __future__ import annotations

import logging
from typing import Any

import pluggy

from kiosk.plugins import call_each

log = logging.getLogger(__name__)


def collect_recommenders(pm: pluggy.PluginManager, kiosk: Any = None) -> list[Any]:
    """Every registered recommender, in a stable order, duplicates and misfits left out.

    ``kiosk`` is None in batch and evaluation runs that have no kiosk database.
    """
    found: dict[str, Any] = {}
    for plugin, recommenders in call_each(pm, "kiosk_register_recommenders", kiosk=kiosk):
        for rec in recommenders or ():
            name = getattr(rec, "name", None)
            if not isinstance(name, str) or not callable(getattr(rec, "recommend", None)) \
                    or not callable(getattr(rec, "fit", None)):
                log.warning("plugin %r registered something that is not a recommender; "
                            "ignored", plugin)
                continue
            if name in found:
                log.warning("recommender name %r registered twice (plugin %r); the second "
                            "is ignored", name, plugin)
                continue
            found[name] = rec
    return [found[name] for name in sorted(found)]
