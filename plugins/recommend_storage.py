"""The recommendation service's settings (``[plugins.recommend]``).

Its tables (model artefacts, staff picks) are core (``kiosk.store.recommend``);
this plugin once created them, hence its name.
"""

from __future__ import annotations

from typing import Any

from kiosk import hookimpl
from kiosk.recommend.settings import RecommendSettings
from kiosk.settings import SettingsSection


@hookimpl
def kiosk_register_settings() -> list[Any]:
    return [SettingsSection("recommend", RecommendSettings,
                            "time budget and frequency cap of the recommendations")]
