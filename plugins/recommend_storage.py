"""The recommenders' tables (model artefacts, staff picks: set ``kiosk.recommend``) and
their settings (``[plugins.recommend]``)."""

from __future__ import annotations

from typing import Any

from kiosk import hookimpl
from kiosk.recommend.artefacts import recommend_migrations
from kiosk.recommend.settings import RecommendSettings
from kiosk.settings import SettingsSection


@hookimpl(trylast=True)
def kiosk_register_migrations() -> list[Any]:
    return [recommend_migrations]


@hookimpl
def kiosk_register_settings() -> list[Any]:
    return [SettingsSection("recommend", RecommendSettings,
                            "time budget and frequency cap of the recommendations")]
