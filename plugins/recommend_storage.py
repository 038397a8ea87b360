"""The recommenders' tables: model artefacts and staff picks (set ``kiosk.recommend``)."""

from __future__ import annotations

from typing import Any

from kiosk import hookimpl
from kiosk.recommend.artefacts import recommend_migrations


@hookimpl(trylast=True)
def kiosk_register_migrations() -> list[Any]:
    return [recommend_migrations]
