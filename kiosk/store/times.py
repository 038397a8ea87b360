"""The one format of every time the kiosk stores."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> str:
    """The time now, UTC, ISO 8601 with microseconds: the format of every stored time."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
