"""Rate limiting of failed scans at one kiosk, persisted in the kiosk database."""

from __future__ import annotations

from sqlite_utils import Database


class ScanLimiter:
    """``max_failures`` failed scans within ``window`` seconds → ``cooldown`` seconds of refusal."""

    def __init__(self, kiosk_id: str, *, max_failures: int = 5, window: float = 60.0,
                 cooldown: float = 60.0):
        self.kiosk_id = kiosk_id
        self.max_failures = max_failures
        self.window = window
        self.cooldown = cooldown

    def blocked_until(self, db: Database, now: float) -> float | None:
        row = db.execute(
            "SELECT until FROM identity_cooldowns WHERE kiosk_id = ?", [self.kiosk_id]
        ).fetchone()
        return row[0] if row and row[0] > now else None

    def record_failure(self, db: Database, now: float) -> bool:
        """Count one failure; True when it starts a cool-down. Call inside a transaction."""
        db.execute(
            "DELETE FROM identity_scan_failures WHERE kiosk_id = ? AND at <= ?",
            [self.kiosk_id, now - self.window],
        )
        db.execute(
            "INSERT INTO identity_scan_failures (kiosk_id, at) VALUES (?, ?)",
            [self.kiosk_id, now],
        )
        count = db.execute(
            "SELECT count(*) FROM identity_scan_failures WHERE kiosk_id = ?", [self.kiosk_id]
        ).fetchone()[0]
        if count < self.max_failures:
            return False
        db.execute(
            "INSERT INTO identity_cooldowns (kiosk_id, until) VALUES (?, ?) "
            "ON CONFLICT (kiosk_id) DO UPDATE SET until = excluded.until",
            [self.kiosk_id, now + self.cooldown],
        )
        db.execute("DELETE FROM identity_scan_failures WHERE kiosk_id = ?", [self.kiosk_id])
        return True
