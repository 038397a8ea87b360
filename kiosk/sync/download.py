"""Download: head office's change feed, applied on the kiosk, incrementally by cursor.

The cursor is stored in the same transaction as the changes it covers, so
a crash re-applies at most the change in hand (every applier is
idempotent). Erasures run in their own transaction (the privacy service
checkpoints the write-ahead log after one). A malformed catalogue, stock,
profile or model change is skipped and counted; a privacy change that
cannot be applied stops the download, to be retried on the next sync.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk.events import utcnow
from kiosk.sync import outbox
from kiosk.sync.apply import APPLIERS, PRIVACY_KINDS, ChangeError
from kiosk.sync.transport import Transport

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

CURSOR = "changes"


def get_cursor(kiosk: Kiosk, name: str = CURSOR) -> int:
    row = kiosk.db.execute("SELECT cursor FROM sync_cursors WHERE name = ?", [name]).fetchone()
    return int(row[0]) if row else 0


def _set_cursor(kiosk: Kiosk, value: int, name: str = CURSOR) -> None:
    kiosk.db.execute(
        "INSERT INTO sync_cursors (name, cursor, updated) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor, updated = excluded.updated",
        [name, str(value), utcnow()],
    )


def _apply_one(kiosk: Kiosk, change: dict[str, Any], result: dict[str, int]) -> None:
    kind = change.get("kind")
    applier = APPLIERS.get(kind)  # type: ignore[arg-type]
    if applier is None:
        log.warning("change %s of unknown kind %r skipped", change.get("id"), kind)
        result["skipped"] += 1
        outbox.bump_counter(kiosk.db, "changes_skipped", 1)
        return
    if kind in PRIVACY_KINDS:
        applier(kiosk, change)
    else:
        try:
            with kiosk.db.atomic():
                applier(kiosk, change)
        except (ChangeError, KeyError, TypeError, ValueError) as error:
            log.warning("change %s (%s) skipped: %s", change.get("id"), kind, error)
            result["skipped"] += 1
            outbox.bump_counter(kiosk.db, "changes_skipped", 1)
            return
    result["applied"] += 1
    result[kind] = result.get(kind, 0) + 1


def download(kiosk: Kiosk, transport: Transport, *, page_size: int = 500) -> dict[str, int]:
    """Fetch and apply every change after the stored cursor."""
    result = {"applied": 0, "skipped": 0}
    cursor = get_cursor(kiosk)
    while True:
        page = transport.fetch_changes(cursor, page_size)
        changes = page.get("changes") or []
        pending: list[dict[str, Any]] = []
        for change in changes:
            if change.get("kind") == "erasure":
                _apply_group(kiosk, pending, result)
                pending = []
                _apply_one(kiosk, change, result)
                with kiosk.transaction():
                    _set_cursor(kiosk, int(change["id"]))
            else:
                pending.append(change)
        _apply_group(kiosk, pending, result)
        cursor = max(cursor, int(page.get("cursor", cursor)))
        with kiosk.transaction():
            _set_cursor(kiosk, cursor)
        if not page.get("more") or not changes:
            return result


def _apply_group(kiosk: Kiosk, changes: list[dict[str, Any]], result: dict[str, int]) -> None:
    if not changes:
        return
    with kiosk.transaction():
        for change in changes:
            _apply_one(kiosk, change, result)
        _set_cursor(kiosk, int(changes[-1]["id"]))
