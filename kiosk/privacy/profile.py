"""The shopper's record on this device: each edit stamped and sent, head office's merged in.

Every edit of a shopper's profile made here (first name, consents, pause,
preferences, not-for-me, saved items, excluded purchases) is stamped by the
device's hybrid logical clock (``kiosk.chain.Clock``), kept field by field in
``profile_fields`` and written as a critical ``profile_edit`` event in the
same transaction as the edit itself. Head office merges the edits of every
device and sends the full record back (a ``profile`` change); ``apply_record``
merges it here by the same rule (``kiosk.chain``) and brings the kiosk's own
tables (consents, pauses, preferences, feedback, purchases) in line with the
merged values, so every copy ends the same.

The clock's reading is kept in ``meta`` and read back before every stamp, in
the edit's transaction: a restart, or another process on the same database,
never stamps below a stamp already given or seen.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.chain import (
    FIRST_NAME,
    PAUSED,
    Clock,
    FieldState,
    Version,
    check_field,
    edits_digest,
    merge,
    merge_state,
)
from kiosk.privacy.purposes import PURPOSES
from kiosk.store import customers, feedback, meta, purchases
from kiosk.store import recommend as recommend_store
from kiosk.store import staff as staff_store
from kiosk.store.erasure import tables_with_customer_id
from kiosk.store.times import utcnow

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.app import Kiosk

#: the ``meta`` key of the clock's last reading
CLOCK_READING = "hlc_reading"
#: the session id of feedback rows that came from head office's record
HQ_SESSION = "hq"
BY = ("shopper", "staff")


class ProfileBook:
    """One device's copy of its shoppers' records: stamps edits, merges head office's."""

    def __init__(self, kiosk: Kiosk, *, wall: Callable[[], float] = time.time):
        self.kiosk = kiosk
        self.clock = Clock(kiosk.config.kiosk_id or "kiosk", wall=wall)

    # -- the clock ------------------------------------------------------------

    def _tick(self, db: Database) -> str:
        last = meta.get(db, CLOCK_READING)
        if last:
            self.clock.observe(last)
        stamp = self.clock.tick()
        meta.put(db, CLOCK_READING, stamp)
        return stamp

    def _observe(self, db: Database, stamps: list[str]) -> None:
        for stamp in stamps:
            if stamp:
                self.clock.observe(stamp)
        last = meta.get(db, CLOCK_READING)
        if last:
            self.clock.observe(last)
        meta.put(db, CLOCK_READING, self.clock.reading)

    # -- edits made here ---------------------------------------------------------

    def record(self, customer_id: str, fields: dict[str, Any], *, by: str,
               card_code: str | None = None) -> dict[str, dict[str, Any]]:
        """Stamp ``fields`` (field -> new value), keep them, queue one ``profile_edit``.

        Call inside the transaction that makes the edit itself. ``card_code``,
        the card the shopper scanned, is sealed with the edit as the proof of
        presence head office asks for (``kiosk.hq.record``). Returns the
        stamped fields (``{field: {"value", "hlc", "base"}}``).
        """
        if by not in BY:
            raise ValueError(f"by must be one of {', '.join(BY)}")
        for field, value in fields.items():
            problem = check_field(field, value, purposes=PURPOSES)
            if problem:
                raise ValueError(problem)
        with self.kiosk.transaction() as db:
            states = customers.field_states(db, customer_id, fields)
            edits: dict[str, dict[str, Any]] = {}
            for field, value in fields.items():
                current = _state(states.get(field))
                version = Version(value, self._tick(db),
                                  "" if current is None else current.latest.hlc)
                _keep(db, customer_id, field, merge(field, current, version))
                edits[field] = {"value": value, "hlc": version.hlc, "base": version.base}
            payload: dict[str, Any] = {"fields": edits, "by": by}
            card_code = card_code or self.kiosk.privacy.presence_proof(customer_id)
            if card_code:
                sealed, proven = self.kiosk.privacy.sealed_request(
                    customer_id, "edit", card_code, edits=edits_digest(edits))
                if proven:
                    payload["proof"] = sealed
            self.kiosk.record_event("profile_edit", payload, customer_id=customer_id)
        return edits

    def rows(self, customer_id: str) -> dict[str, customers.FieldRow]:
        """The shopper's fields as kept here: field -> (value JSON, hlc, base, restricted_at)."""
        return customers.field_states(self.kiosk.db, customer_id)

    def notes(self, customer_id: str) -> dict[str, Any]:
        """Staff notes of the shopper's record (``note:ID`` fields), by id."""
        notes = {}
        for field, row in customers.field_states(self.kiosk.db, customer_id).items():
            if field.startswith("note:"):
                value = _state(row).value(field)
                if value is not None:
                    notes[field.partition(":")[2]] = value
        return notes

    # -- head office's record -------------------------------------------------------

    def apply_record(self, customer_id: str, data: dict[str, Any]) -> None:
        """Merge head office's full record of a shopper (a ``profile`` change) here.

        Each field merges by ``kiosk.chain``'s rule; then the kiosk's tables
        take the merged values (a consent answered anew is logged with source
        "hq", only when the answer changes). Call inside a transaction.
        """
        fields = data.get("fields") or {}
        db = self.kiosk.db
        customers.upsert_from_hq(db, customer_id, data.get("loyalty_ref"), None, utcnow())
        states = customers.field_states(db, customer_id, fields)
        values: dict[str, Any] = {}
        stamps: list[str] = []
        for field, entry in fields.items():
            incoming = FieldState(Version(entry.get("value"), entry["hlc"],
                                          entry.get("base") or ""),
                                  entry.get("restricted_at") or "")
            current = _state(states.get(field))
            merged = merge_state(field, current, incoming)
            if merged != current:
                _keep(db, customer_id, field, merged)
            values[field] = merged.value(field)
            stamps += [incoming.latest.hlc, incoming.restricted_at]
        self._observe(db, stamps)
        take_values(self.kiosk, db, customer_id, values)
        views = data.get("staff_views")
        if isinstance(views, list):
            staff_store.replace_record_views(db, customer_id, [
                (str(v.get("staff")), str(v.get("store")), str(v.get("at")))
                for v in views if isinstance(v, dict)])

    def move_customer(self, other: str, keep: str) -> None:
        """Head office merged ``other`` into ``keep``: every row of ``other`` goes to ``keep``.

        Fields merge by the rule; rows of every table with a ``customer_id``
        column move (a duplicate of one ``keep`` has is dropped); ``other``'s
        consents and row go. Call inside a transaction.
        """
        db = self.kiosk.db
        if not customers.exists(db, other):
            return
        customers.copy_customer(db, other, keep)
        customers.take_loyalty_ref(db, other, keep)
        theirs = customers.field_states(db, other)
        mine = customers.field_states(db, keep, theirs)
        for field, row in theirs.items():
            merged = merge_state(field, _state(mine.get(field)), _state(row))
            _keep(db, keep, field, merged)
        keep_answers = dict(customers.answers(db, keep))
        at = utcnow()
        for purpose, granted in dict(customers.answers(db, other)).items():
            if purpose not in keep_answers:
                customers.add_answer(db, keep, purpose, bool(granted), at, "hq")
        customers.delete_field_states(db, other)
        tables = [t for t in tables_with_customer_id(db) if t != "profile_fields"]
        customers.move_rows(db, other, keep, [*tables, "purchases"])
        customers.delete(db, other)
        customers.delete_answers(db, other)
        values = {field: _state(row).value(field)
                  for field, row in customers.field_states(db, keep).items()}
        take_values(self.kiosk, db, keep, values)


def _state(row: tuple[str | None, str, str, str] | None) -> FieldState | None:
    if row is None:
        return None
    value = None if row[0] is None else json.loads(row[0])
    return FieldState(Version(value, row[1], row[2]), row[3])


def _keep(db: Database, customer_id: str, field: str, state: FieldState) -> None:
    customers.put_field_state(db, customer_id, field,
                              json.dumps(state.latest.value, separators=(",", ":")),
                              state.latest.hlc, state.latest.base, state.restricted_at)


def take_values(kiosk: Kiosk, db: Database, customer_id: str, values: dict[str, Any]) -> None:
    """Bring the kiosk's tables in line with the record's merged ``values`` (field -> value)."""
    preferences = {(k, v): s for k, v, s, _ in customers.preferences_of(db, customer_id)}
    lines: list[tuple[Any, ...]] | None = None
    at = utcnow()
    for field, value in values.items():
        kind, _, rest = field.partition(":")
        if field == FIRST_NAME:
            row = customers.get(db, customer_id)
            if row is not None and row[1] != value:
                customers.set_first_name(db, customer_id, value)
        elif field == PAUSED:
            if bool(value) != customers.is_paused(db, customer_id):
                (customers.pause if value else customers.unpause)(db, customer_id)
        elif kind == "consent":
            if customers.latest_answer(db, customer_id, rest) is not bool(value):
                customers.add_answer(db, customer_id, rest, bool(value), at, "hq")
        elif kind == "pref":
            key, _, pref = rest.partition(":")
            if value is None:
                if (key, pref) in preferences:
                    customers.remove_preferences(db, customer_id, key, pref)
            elif preferences.get((key, pref)) != value["source"]:
                customers.set_preference(db, customer_id, key, pref, value["source"])
        elif kind in ("not_for_me", "saved"):
            reaction = "save" if kind == "saved" else kind
            feedback.set_reaction(db, customer_id, rest, reaction, bool(value), HQ_SESSION)
        elif kind == "staff_pick":
            take_staff_pick(db, customer_id, rest, value)
        elif kind == "exclude":
            invoice, _, sku = rest.partition(":")
            if lines is None:
                lines = purchases.of_customer(db, customer_id)
            for line in lines:
                if line[1] == invoice and line[2] == sku and bool(line[6]) != bool(value):
                    purchases.set_excluded(db, customer_id, line[0], bool(value))


def take_staff_pick(db: Database, customer_id: str, sku: str, value: Any) -> None:
    """The ``staff_picks`` row of the record's ``staff_pick:SKU`` (None: no pick)."""
    if value is None:
        recommend_store.remove_staff_pick(db, customer_id, sku)
    elif recommend_store.staff_pick_of(db, customer_id, sku) != (value["by"], value["note"]):
        recommend_store.add_staff_pick(db, customer_id, sku, value["by"], value["note"])
