"""The recommendation service's settings: ``[plugins.recommend]`` (declared by
plugins/recommend_storage.py).

- ``budget_ms`` 10..5,000: the time the recommenders get for one answer; a
  recommender still working is left out of it. Under 10 ms every one would
  be; over 5 s a shopper waits at the screen.
- ``frequency_cap_shows`` 1..100: an item shown this many times without the
  shopper's interest rests for ``frequency_cap_rest_days`` (1..365) days.
"""

from __future__ import annotations

from typing import Annotated

import msgspec


class RecommendSettings(msgspec.Struct, kw_only=True, frozen=True):
    budget_ms: Annotated[float, msgspec.Meta(ge=10, le=5000)] = 150.0
    frequency_cap_shows: Annotated[int, msgspec.Meta(ge=1, le=100)] = 3
    frequency_cap_rest_days: Annotated[float, msgspec.Meta(ge=1, le=365)] = 14.0
