"""Rate limiting of failed scans at one kiosk, persisted in the kiosk database."""

from __future__ import annotations

from sqlite_utils import Database

from kiosk.store import cards


class ScanLimiter:
    """``max_failures`` failed scans within ``window`` seconds → ``cooldown`` seconds of refusal."""

    def __init__(self, kiosk_id: str, *, max_failures: int = 5, window: float = 60.0,
                 cooldown: float = 60.0):
        self.kiosk_id = kiosk_id
        self.max_failures = max_failures
        self.window = window
        self.cooldown = cooldown

    def blocked_until(self, db: Database, now: float) -> float | None:
        until = cards.cooldown_until(db, self.kiosk_id)
        return until if until is not None and until > now else None

    def record_failure(self, db: Database, now: float) -> bool:
        """Count one failure; True when it starts a cool-down. Call inside a transaction."""
        if cards.count_failure(db, self.kiosk_id, now, self.window) < self.max_failures:
            return False
        cards.start_cooldown(db, self.kiosk_id, now + self.cooldown)
        return True
