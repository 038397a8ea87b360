"""A new device's bootstrap: the change feed compacted for one store, then the cursor.

``GET /v1/bootstrap`` streams, as NDJSON (gzip when the client accepts it),
a header line ``{"bootstrap": {"total", "cursor", "after"}}``, then every
change a device of the caller's store needs, in id order, and last
``{"end": {"cursor", "count"}}``. ``cursor`` is the feed's last id when the
bootstrap began: the device continues the normal download from it. A stream
without its end line was cut (the device restarts or resumes it, ``after``).

Compaction keeps what replaying the whole feed would leave, and no more:

- a change of a kind whose later change for the same key replaces it is kept
  only if it is the latest visible one: ``stock`` (key: sku), ``profile`` in
  the full-record shape (key: customer), ``card`` (card id), ``model`` (name);
- ``product`` and ``stock`` changes set only the fields they hold (a stock's
  location is kept when a change has none), so the latest one per sku is
  served with the fields of all of them merged in order, as a device applying
  each in turn would end with;
- ``shown`` changes (what a kiosk showed a shopper) are kept for the last
  ``SHOWN_DAYS`` days only: the longest window a device looks back over them
  (the frequency cap's ``frequency_cap_rest_days`` is at most 365); older
  ones would fill a new device with impressions nothing reads;
- every other change is kept: ``purchases`` (additive), ``erasure``,
  ``revocation``, ``consent_withdrawn``, a profile in the older shape.

``changes.key`` holds the key (``compaction_key``, set when a change enters
the feed; migration 0004 set it for older rows). Retracted changes are left
out before compacting, as the normal download leaves them out. Pages are read
in short transactions, by id: a change added meanwhile has a larger id than the
cursor and comes with the normal download after the bootstrap.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import msgspec

from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.storage.base import AuthRecord, Storage

#: who gets which purchase histories (``[plugins.sync] histories`` on the device)
HISTORIES = ("store", "chain")
#: per kind that supersedes: the change's key
_KEYS = {
    "product": lambda change: change.data.get("sku"),
    "stock": lambda change: change.data.get("sku"),
    "card": lambda change: change.data.get("card_id"),
    "model": lambda change: change.data.get("name"),
    "profile": lambda change: change.customer_id if "fields" in change.data else None,
}
#: kinds whose changes are merged field by field rather than replaced: what a later change
#: leaves out stays (a product's null sets null; a stock's null location keeps the known one)
MERGED = {
    "product": lambda merged, data: merged.update(data),
    "stock": lambda merged, data: merged.update(
        {k: v for k, v in data.items() if v is not None or k not in merged}),
}
PAGE = 5000
#: how far back a bootstrap serves ``shown`` changes (kiosk.recommend.settings: the
#: frequency cap rests an item for at most 365 days)
SHOWN_DAYS = 365

_encode = msgspec.json.Encoder().encode


def compaction_key(change: ChangeIn) -> str | None:
    """What a later change of the same kind replaces (None: the change is always kept)."""
    rule = _KEYS.get(change.kind)
    if rule is None:
        return None
    key = rule(change)
    return key if isinstance(key, str) else None


def visible_to(histories: str, alias: str = "c") -> str:
    """SQL: the changes a device of the store (``?``) gets; "chain" adds every history."""
    if histories not in HISTORIES:
        raise ValueError(f"histories must be one of {', '.join(HISTORIES)}")
    extra = f" OR {alias}.kind = 'purchases'" if histories == "chain" else ""
    return f"({alias}.store_id IS NULL OR {alias}.store_id = ?{extra})"


def _not_retracted(alias: str) -> str:
    return f"NOT EXISTS (SELECT 1 FROM retractions r WHERE r.change_id = {alias}.id)"


def _kept_sql(histories: str, columns: str) -> str:
    """The compacted changes in (``?`` after, ``?`` upto]; parameters from ``_kept_params``."""
    return (f"SELECT {columns} FROM changes c WHERE c.id > ? AND c.id <= ? "
            f"AND {visible_to(histories)} AND {_not_retracted('c')} "
            "AND (c.kind <> 'shown' OR c.created >= ?) "
            "AND (c.key IS NULL OR c.id = (SELECT max(c2.id) FROM changes c2 "
            "WHERE c2.kind = c.kind AND c2.key = c.key AND c2.id <= ? "
            f"AND {visible_to(histories, 'c2')} AND {_not_retracted('c2')}))")


def _kept_params(plan: Plan, after: int) -> list[Any]:
    return [after, plan.upto, plan.store_id, plan.shown_since, plan.upto, plan.store_id]


@dataclass
class Plan:
    """One bootstrap: the store, which histories, the range of the feed, and what it holds."""

    store_id: str
    histories: str
    after: int
    upto: int
    total: int = 0
    #: ``shown`` changes created before this are left out (ISO time, like ``created``)
    shown_since: str = ""
    merged: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def header(self) -> bytes:
        return _encode({"bootstrap": {"total": self.total, "cursor": self.upto,
                                      "after": self.after, "histories": self.histories}}) + b"\n"

    def end(self, count: int) -> bytes:
        return _encode({"end": {"cursor": self.upto, "count": count}}) + b"\n"


def plan(storage: Storage, kiosk: AuthRecord, *, histories: str = "store", after: int = 0,
         upto: int | None = None) -> Plan:
    """What a bootstrap of ``kiosk``'s store after change ``after`` serves.

    ``upto`` (a resumed bootstrap's cursor) is kept if the feed reaches it; by
    default it is the feed's last id now.
    """
    visible_to(histories)  # ValueError for an unknown policy
    with storage._tx(write=False) as cur:
        last = int(storage._run(cur, "SELECT coalesce(max(id), 0) FROM changes").fetchone()[0])
        end = last if upto is None else min(upto, last)
        since = (datetime.now(UTC) - timedelta(days=SHOWN_DAYS)).isoformat(
            timespec="microseconds")
        result = Plan(kiosk.store_id, histories, min(after, end), end, shown_since=since)
        result.total = int(storage._run(cur, _kept_sql(histories, "count(*)"),
                                        _kept_params(result, result.after)).fetchone()[0])
        rows = storage._run(
            cur, f"SELECT c.kind, c.key, c.data FROM changes c WHERE c.key IS NOT NULL "
                 f"AND c.id <= ? AND c.kind IN ({', '.join('?' for _ in MERGED)}) "
                 f"AND {visible_to(histories)} AND {_not_retracted('c')} ORDER BY c.id",
            [end, *sorted(MERGED), kiosk.store_id]).fetchall()
    for kind, key, data in rows:
        MERGED[kind](result.merged.setdefault((kind, key), {}), json.loads(data))
    return result


def stream(storage: Storage, bootstrap: Plan, *, page: int = PAGE) -> Iterator[bytes]:
    """The NDJSON lines of ``bootstrap``: header, changes, end; a page per transaction."""
    yield bootstrap.header()
    after, count = bootstrap.after, 0
    sql = _kept_sql(bootstrap.histories, "c.id, c.kind, c.store_id, c.customer_id, c.key, "
                                         "c.data") + " ORDER BY c.id LIMIT ?"
    while True:
        with storage._tx(write=False) as cur:
            rows = storage._run(cur, sql, [*_kept_params(bootstrap, after), page]).fetchall()
        if not rows:
            break
        lines = []
        for change_id, kind, store_id, customer_id, key, data in rows:
            merged = bootstrap.merged.get((kind, key)) if kind in MERGED else None
            body = _encode(merged) if merged is not None else data.encode("utf-8")
            lines.append(b'{"id":%d,"kind":%b,"store_id":%b,"customer_id":%b,"data":%b}\n' % (
                change_id, _encode(kind), _encode(store_id), _encode(customer_id), body))
        count += len(rows)
        after = rows[-1][0]
        yield b"".join(lines)
        if len(rows) < page:
            break
    yield bootstrap.end(count)


def gzipped(chunks: Iterator[bytes], level: int = 3) -> Iterator[bytes]:
    """``chunks`` as one gzip stream, flushed after each chunk (the client sees progress)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for chunk in chunks:
        out = compressor.compress(chunk) + compressor.flush(zlib.Z_SYNC_FLUSH)
        if out:
            yield out
    yield compressor.flush()
