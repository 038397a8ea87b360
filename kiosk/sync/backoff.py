"""Exponential backoff with full jitter (a random wait up to base·2ⁿ, capped).

Full jitter spreads the retries of many kiosks that lost head office at
the same moment, so they do not all come back at once.
"""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, *, base: float = 1.0, cap: float = 300.0,
                 rng: random.Random | None = None):
        if base <= 0 or cap < base:
            raise ValueError("backoff needs 0 < base <= cap")
        self.base, self.cap = base, cap
        self.rng = rng or random.Random()

    def ceiling(self, failures: int) -> float:
        """The longest wait after ``failures`` failures in a row."""
        return min(self.cap, self.base * 2 ** max(0, min(failures - 1, 62)))

    def delay(self, failures: int, *, retry_after: float | None = None) -> float:
        """Seconds to wait before the next try; at least head office's Retry-After."""
        wait = self.rng.uniform(0, self.ceiling(failures))
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.cap))
        return wait
