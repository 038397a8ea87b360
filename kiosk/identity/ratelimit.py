"""Progressive delays after failed scans at one kiosk, persisted in the kiosk database.

One shopper's typo must not lock everyone out, and a guesser must gain
nothing from a kiosk. So the first ``free_failures`` failed scans cost
nothing; after that every failure makes the kiosk refuse scans for
``first_delay`` seconds, then twice that, four times ... up to ``max_delay``.
Failures older than ``quiet_period`` seconds are forgotten, so after a quiet
spell the next shopper starts free. The refusal's end is stored
(``identity_cooldowns``), so the UI can say truthfully how long to wait and
restarting the kiosk resets nothing.

``max_guesses`` bounds what any guesser can try in a given time whatever
their timing; docs/security.md turns it into days per valid code.
"""

from __future__ import annotations

import math

from sqlite_utils import Database

from kiosk.store import cards

DAY = 86_400.0


def delay_after(failures: int, free_failures: int, first_delay: float,
                max_delay: float) -> float:
    """Seconds scans are refused after the ``failures``-th failure in a row."""
    if failures <= free_failures:
        return 0.0
    steps = failures - free_failures - 1
    return max_delay if steps >= 64 else min(first_delay * 2.0 ** steps, max_delay)


def max_guesses(free_failures: int, first_delay: float, max_delay: float,
                quiet_period: float, seconds: float) -> int:
    """The most failed scans anyone can make in ``seconds``, however they time them.

    Within any ``quiet_period`` every failure still counts the earlier ones,
    so the j-th of them is followed by at least ``delay_after(j)`` of
    refusal: k failures need the delays of the first k-1 to fit in the
    period. A day holds ``ceil(seconds / quiet_period)`` such periods.
    """
    per_period, waited = 1, 0.0
    while True:
        waited += delay_after(per_period, free_failures, first_delay, max_delay)
        if waited > quiet_period:
            break
        per_period += 1
    return per_period * math.ceil(seconds / quiet_period)


class ScanLimiter:
    """Failed scans → progressive refusal: free, free, free, 1 s, 2 s, 4 s ... ``max_delay``."""

    def __init__(self, kiosk_id: str, *, free_failures: int = 3, first_delay: float = 1.0,
                 max_delay: float = 60.0, quiet_period: float = 900.0):
        self.kiosk_id = kiosk_id
        self.free_failures = free_failures
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.quiet_period = quiet_period

    @classmethod
    def from_settings(cls, kiosk_id: str, settings: object) -> ScanLimiter:
        """From validated ``LoyaltyCardSettings``."""
        return cls(kiosk_id, free_failures=settings.free_failures,  # type: ignore[attr-defined]
                   first_delay=settings.first_delay,  # type: ignore[attr-defined]
                   max_delay=settings.max_delay,  # type: ignore[attr-defined]
                   quiet_period=settings.quiet_period)  # type: ignore[attr-defined]

    def blocked_until(self, db: Database, now: float) -> float | None:
        """When scans are allowed again, or None if they are now."""
        until = cards.cooldown_until(db, self.kiosk_id)
        return until if until is not None and until > now else None

    def wait_seconds(self, db: Database, now: float) -> int:
        """Whole seconds left to wait (rounded up: never says 0 while refusing)."""
        until = self.blocked_until(db, now)
        return 0 if until is None else max(1, math.ceil(until - now))

    def record_failure(self, db: Database, now: float) -> float:
        """Count one failure; returns the seconds scans are now refused (0: none).

        Call inside a transaction.
        """
        failures = cards.count_failure(db, self.kiosk_id, now, self.quiet_period)
        delay = delay_after(failures, self.free_failures, self.first_delay, self.max_delay)
        if delay > 0:
            cards.refuse_scans_until(db, self.kiosk_id, now + delay)
        return delay
