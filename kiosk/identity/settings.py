"""The loyalty-card scheme's settings: ``[plugins.loyalty_card]``.

Declared by the built-in plugin plugins/loyalty_card.py.

Failed scans are rate limited per kiosk: ``max_failures`` failures within
``failure_window`` seconds refuse every scan for ``cooldown`` seconds. The
ranges keep the limit a limit:

- ``max_failures`` 3..1,000: at least 3, so one mistyped code (or two) does
  not lock the kiosk for everyone (0 refused valid cards); at most 1,000.
- ``failure_window`` 1 s..1 day, ``cooldown`` 1 s..1 hour: a cool-down of 0
  or less switched the limit off; more than an hour locks out real shoppers.
"""

from __future__ import annotations

from typing import Annotated

import msgspec


class LoyaltyCardSettings(msgspec.Struct, kw_only=True, frozen=True):
    max_failures: Annotated[int, msgspec.Meta(ge=3, le=1000)] = 5
    failure_window: Annotated[float, msgspec.Meta(ge=1, le=86_400)] = 60.0
    cooldown: Annotated[float, msgspec.Meta(ge=1, le=3600)] = 60.0
