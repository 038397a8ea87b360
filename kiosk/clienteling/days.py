"""The desk's reference day: today, or the day after an old store's last purchase.

A store whose till history ended more than ``STALE_AFTER`` days ago (a demo,
an imported data set) would show every client as lapsing and nobody as new;
its advisor and filters then reason as of the day after its last purchase,
and say so (``StaffSession.advisor()["today"]``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlite_utils import Database

from kiosk.store import purchases

STALE_AFTER = 30


def reference_day(db: Database, today: date | None = None) -> date:
    today = today or datetime.now(UTC).date()
    last = purchases.last_day(db)
    if last is None:
        return today
    try:
        last_day = date.fromisoformat(last)
    except ValueError:
        return today
    if (today - last_day).days > STALE_AFTER:
        return last_day + timedelta(days=1)
    return today


def days_between(earlier: str | None, later: date) -> int | None:
    """Whole days from the ISO day ``earlier`` to ``later`` (None without ``earlier``)."""
    if not earlier:
        return None
    return (later - date.fromisoformat(earlier[:10])).days
