"""The staff desk's settings: ``[plugins.staff]`` (declared by plugins/kiosk_ui.py).

- ``idle_seconds`` 15..3,600 (120): a tablet locks after this long untouched.
- ``lapsing_factor`` 1..10 (1.5): a client is lapsing when more than this
  many times their usual interval between visits has passed since the last.
- ``high_value_share`` 0.01..0.5 (0.1): the top share of clients by spend.
- ``recently_seen_days`` 1..90 (14): "recently seen at a kiosk".
- ``new_client_days`` 1..90 (7): "new clients this week".
"""

from __future__ import annotations

from typing import Annotated

import msgspec

SECTION = "staff"


class StaffSettings(msgspec.Struct, kw_only=True, frozen=True):
    idle_seconds: Annotated[int, msgspec.Meta(ge=15, le=3600)] = 120
    lapsing_factor: Annotated[float, msgspec.Meta(ge=1, le=10)] = 1.5
    high_value_share: Annotated[float, msgspec.Meta(ge=0.01, le=0.5)] = 0.1
    recently_seen_days: Annotated[int, msgspec.Meta(ge=1, le=90)] = 14
    new_client_days: Annotated[int, msgspec.Meta(ge=1, le=90)] = 7
