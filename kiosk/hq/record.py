"""Head office's customer record: the fields devices edit, merged by ``kiosk.chain``'s rule.

A device sends each edit of a shopper's profile as a ``profile_edit`` event
(``{"fields": {FIELD: {"value", "hlc", "base"}}, "by": "shopper" | "staff",
"proof": sealed}``). Head office merges every field into ``customer_fields``
with ``kiosk.chain.merge`` and, when a field's state changed, publishes ONE
``profile`` change holding the customer's full record, which every device
merges by the same rule: all copies converge.

What an edit must prove (a stolen kiosk token must not rewrite the chain's
records):

- a **consent** granted, the pause lifted or the **first name** (an enrolment
  sets these): the proof of presence sealed in the event, the
  card the shopper scanned (``kiosk.hq.registry.check_presence``; an
  enrolment's brand-new card travels with its signed registration), bound to
  the edit's fields and stamps (``kiosk.chain.edits_digest``);
- **tastes** (preferences, not-for-me, saved items, excluded purchases), staff
  **notes**, staff **curation** (``staff_pick:``, ``pin:``, ``hide:``, ``advisor``; only
  ``by: "staff"``) and **restrictions** (a consent withdrawn, the pause: they
  only protect the shopper): that proof, or a device of a store holding one of
  the shopper's cards (registered by one of its devices).

Refused edits are counted (``profile_edits_refused``) and logged without
personal data. The event is stored without any field value (field names and
stamps only); values live in ``customer_fields`` alone.

Erasure wins: events of an erased id are discarded before they get here,
and an erasure deletes every row of these tables (``erase_rows``).
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from kiosk.chain import (
    ADVISOR,
    FIRST_NAME,
    PAUSED,
    FieldState,
    Version,
    check_field,
    edits_digest,
    is_restrictive,
    merge,
    merge_state,
    unstamp,
)
from kiosk.hq import registry
from kiosk.privacy.purposes import PURPOSES
from kiosk.wire import ChangeIn

if TYPE_CHECKING:
    from kiosk.hq.batch import Event
    from kiosk.hq.storage.base import AuthRecord, Storage

log = logging.getLogger(__name__)

#: this module's tables (an erasure deletes their rows; PostgreSQL's scrub rewrites them)
TABLES = ("customers", "customer_fields", "consent_log", "customer_audit", "customer_aliases")
MAX_FIELDS = 500
BY = ("shopper", "staff")
_SENSITIVE_PREFIXES = ("consent:",)
_STAFF_PREFIXES = ("staff_pick:", "pin:", "hide:")


class RecordError(ValueError):
    """An operation on the record that head office refuses; the message says why."""


def needs_proof(field: str, value: Any = None) -> bool:
    """Consents, the pause and the first name change only with the shopper's card,
    except a restriction (a consent withdrawn, personalisation paused): it only ever
    protects the shopper, so a device of their store may send it without the card."""
    if is_restrictive(field, value):
        return False
    return field in (FIRST_NAME, PAUSED) or field.startswith(_SENSITIVE_PREFIXES)


def staff_only(field: str) -> bool:
    """Curation fields (``staff_pick:``, ``pin:``, ``hide:``) and the ``advisor`` (the
    client's assignment) are edits by staff alone."""
    return field.startswith(_STAFF_PREFIXES) or field == ADVISOR


# -- reading the record ------------------------------------------------------------

def resolve(storage: Storage, cur: Any, customer_id: str) -> str:
    """The record ``customer_id`` is now part of (itself unless it was merged away)."""
    row = storage._run(cur, "SELECT customer_id FROM customer_aliases WHERE alias = ?",
                       [customer_id]).fetchone()
    return customer_id if row is None else row[0]


def aliases_among(storage: Storage, cur: Any, customer_ids: set[str]) -> dict[str, str]:
    """Which of ``customer_ids`` were merged into another record, and into which."""
    found: dict[str, str] = {}
    ids = sorted(customer_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found.update((r[0], r[1]) for r in storage._run(
            cur, f"SELECT alias, customer_id FROM customer_aliases "
                 f"WHERE alias IN ({marks})", chunk).fetchall())
    return found


def _states(storage: Storage, cur: Any, customer_id: str) -> dict[str, tuple]:
    rows = storage._run(cur, "SELECT field, value, hlc, base, restricted_at, device, edited_by, "
                             "updated FROM customer_fields WHERE customer_id = ?",
                        [customer_id]).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def _state(row: tuple | None) -> FieldState | None:
    if row is None:
        return None
    return FieldState(Version(json.loads(row[0]), row[1], row[2]), row[3])


def _exists(storage: Storage, cur: Any, customer_id: str) -> bool:
    return storage._run(cur, "SELECT 1 FROM customers WHERE id = ?",
                        [customer_id]).fetchone() is not None


def _stores(storage: Storage, cur: Any, customer_id: str) -> list[str]:
    """Stores where the shopper has cards, was seen (events) or bought (the tills)."""
    from kiosk.hq import tills

    found = {r[0] for r in storage._run(
        cur, "SELECT DISTINCT k.store_id FROM hq_cards c JOIN kiosks k ON k.name = c.kiosk "
             "WHERE c.customer_id = ?", [customer_id]).fetchall()}
    found.update(r[0] for r in storage._run(
        cur, "SELECT DISTINCT store_id FROM events WHERE customer_id = ?",
        [customer_id]).fetchall())
    return sorted(found | tills.stores_of(storage, cur, customer_id))


def record_data(storage: Storage, cur: Any, customer_id: str) -> dict[str, Any] | None:
    """The ``profile`` change's data: the full record (None: head office has none)."""
    row = storage._run(cur, "SELECT first_name FROM customers WHERE id = ?",
                       [customer_id]).fetchone()
    if row is None:
        return None
    fields = {}
    for field, state in sorted(_states(storage, cur, customer_id).items()):
        fields[field] = {"value": json.loads(state[0]), "hlc": state[1], "base": state[2],
                         "restricted_at": state[3]}
    data = {"first_name": row[0], "fields": fields,
            "stores": _stores(storage, cur, customer_id)}
    views = staff_views(storage, cur, customer_id)
    if views:
        data["staff_views"] = views
    return data


def staff_views(storage: Storage, cur: Any, customer_id: str) -> list[dict[str, str]]:
    """Each time staff opened the shopper's profile: staff name, store, when (oldest first)."""
    rows = storage._run(cur, "SELECT done_by, at, details FROM customer_audit "
                             "WHERE customer_id = ? AND action = 'staff_viewed' ORDER BY id",
                        [customer_id]).fetchall()
    return [{"staff": by, "store": json.loads(details).get("store", ""), "at": at}
            for by, at, details in rows]


def staff_viewed(storage: Storage, cur: Any, kiosk: AuthRecord, event: Event) -> None:
    """A member of staff at ``kiosk`` opened the shopper's profile: into the record's audit.

    The store is the device's own (its token's), not what the event says; only for a
    shopper head office knows, seen by a device of a store holding one of their cards.
    """
    staff = event.payload_dict().get("staff")
    customer_id = resolve(storage, cur, event.customer_id)
    if (not isinstance(staff, str) or not 0 < len(staff) <= 60 or storage._is_erased(
            cur, customer_id) or not _exists(storage, cur, customer_id)
            or not _store_holds(storage, cur, kiosk, customer_id)):
        storage._bump_meta(cur, "staff_views_refused")
        return
    storage._run(cur, "INSERT INTO customer_audit (customer_id, action, done_by, at, details) "
                      "VALUES (?, 'staff_viewed', ?, ?, ?)",
                 [customer_id, staff, event.ts,
                  json.dumps({"store": kiosk.store_id, "device": kiosk.name}, sort_keys=True)])
    _publish(storage, cur, customer_id)


def profile_part(storage: Storage, cur: Any, customer_id: str) -> list[ChangeIn]:
    """The snapshot's part of the record (``kiosk.hq.snapshot.PARTS``)."""
    data = record_data(storage, cur, customer_id)
    return [] if data is None else [ChangeIn("profile", data, None, customer_id)]


def _publish(storage: Storage, cur: Any, customer_id: str) -> None:
    data = record_data(storage, cur, customer_id)
    if data is not None:
        storage._add_changes(cur, [ChangeIn("profile", data, None, customer_id)])


# -- merging edits -------------------------------------------------------------------

def _checked_fields(payload: dict[str, Any]) -> dict[str, Version] | None:
    """The edit's versions, or None if any part breaks the rules."""
    fields = payload.get("fields")
    if not isinstance(fields, dict) or not 0 < len(fields) <= MAX_FIELDS:
        return None
    if payload.get("by") not in BY:
        return None
    if payload["by"] != "staff" and any(map(staff_only, fields)):
        return None
    versions = {}
    for field, entry in fields.items():
        if not isinstance(entry, dict) or check_field(field, entry.get("value"),
                                                      purposes=PURPOSES):
            return None
        hlc, base = entry.get("hlc"), entry.get("base", "")
        try:
            unstamp(hlc)
            if base:
                unstamp(base)
        except ValueError:
            return None
        versions[field] = Version(entry["value"], hlc, base)
    return versions


def _store_holds(storage: Storage, cur: Any, kiosk: AuthRecord, customer_id: str) -> bool:
    """A device of ``kiosk``'s store registered one of the shopper's cards."""
    return storage._run(cur, "SELECT 1 FROM hq_cards c JOIN kiosks k ON k.name = c.kiosk "
                             "WHERE c.customer_id = ? AND k.store_id = ? LIMIT 1",
                        [customer_id, kiosk.store_id]).fetchone() is not None


def _enrolled_here(storage: Storage, cur: Any, kiosk: AuthRecord, customer_id: str) -> bool:
    """A new shopper of ``kiosk``'s own: it registered their cards, nobody else did, and
    head office knows nothing else of them (no record, no till purchases).

    Their first record comes from the device that enrolled them, possibly before it
    ever reached head office (so before it could seal a proof): creating a record
    touches nobody else's data. A stolen device can only make records for ids it made
    up; an id head office already knows (a till customer, a record) still needs proof.
    """
    if _exists(storage, cur, customer_id):
        return False
    devices = {r[0] for r in storage._run(cur, "SELECT kiosk FROM hq_cards WHERE customer_id = ?",
                                          [customer_id]).fetchall()}
    if devices != {kiosk.name}:
        return False
    from kiosk.hq import tills  # the importer's modules: only for a new shopper

    return not tills.has_history(storage, cur, customer_id)


def _proven(storage: Storage, cur: Any, kiosk: AuthRecord, subject: dict[str, Any] | None,
            named: str, customer_id: str, digest: str) -> bool:
    if not subject or subject.get("action") != "edit" or subject.get("edits") != digest:
        return False
    if subject.get("customer_id") not in (named, customer_id):
        return False
    try:
        registry.check_presence(storage, cur, kiosk, subject, customer_id)
    except registry.Refused as refusal:
        log.warning("a profile edit's proof from kiosk %s was refused: %s", kiosk.name, refusal)
        return False
    return True


def ingest_edit(storage: Storage, cur: Any, kiosk: AuthRecord, event: Event,
                subject: dict[str, Any] | None) -> None:
    """Merge a ``profile_edit`` event into the record; publish it if a field changed."""
    named = event.customer_id
    payload = event.payload_dict()
    versions = _checked_fields(payload) if named else None
    if versions is None:
        log.warning("a profile edit from kiosk %s breaks the rules; ignored", kiosk.name)
        storage._bump_meta(cur, "profile_edits_invalid")
        return
    customer_id = resolve(storage, cur, named)
    if storage._is_erased(cur, customer_id):
        return  # an erasure always wins, even one earlier in the same batch
    digest = edits_digest(payload["fields"])
    if not _proven(storage, cur, kiosk, subject, named, customer_id, digest) and (
            any(needs_proof(f, v.value) for f, v in versions.items())
            or not _store_holds(storage, cur, kiosk,
                                                                customer_id)) and (
            not _enrolled_here(storage, cur, kiosk, customer_id)):
        log.warning("a profile edit from kiosk %s has no proof of presence; refused",
                    kiosk.name)
        storage._bump_meta(cur, "profile_edits_refused")
        return
    merge_versions(storage, cur, customer_id, versions, device=kiosk.name,
                   by=payload["by"], at=event.ts)


def merge_versions(storage: Storage, cur: Any, customer_id: str,
                   versions: dict[str, Version], *, device: str, by: str, at: str,
                   origin: str | None = None) -> bool:
    """Merge edits into the record (made if needed); publish it if a field changed."""
    states = {field: FieldState(v, "") for field, v in versions.items()}
    return merge_states(storage, cur, customer_id, states, device=device, by=by, at=at,
                        origin=origin)


def merge_states(storage: Storage, cur: Any, customer_id: str,
                 incoming: dict[str, FieldState], *, device: str, by: str, at: str,
                 origin: str | None = None, publish: bool = True) -> bool:
    """Merge fields' states into the record; True (and published) if any changed."""
    from kiosk.hq.storage.base import now

    if not _exists(storage, cur, customer_id):
        storage._run(cur, "INSERT INTO customers (id, first_name, created, origin) "
                          "VALUES (?, NULL, ?, ?)",
                     [customer_id, now(), origin or f"device:{device}"])
    rows = _states(storage, cur, customer_id)
    changed = False
    for field, state in incoming.items():
        current = _state(rows.get(field))
        if state.restricted_at:
            merged = merge_state(field, current, state)
        else:
            merged = merge(field, current, state.latest)
        if merged == current:
            continue
        changed = True
        before = None if current is None else current.value(field)
        took = current is None or merged.latest != current.latest
        row = rows.get(field)
        who = (device, by) if took or row is None else (row[4], row[5])
        _write_field(storage, cur, customer_id, field, merged, *who, exists=row is not None)
        after = merged.value(field)
        if after != before or current is None:
            _value_changed(storage, cur, customer_id, field, after, at, device)
    if changed and publish:
        _publish(storage, cur, customer_id)
    return changed


def _write_field(storage: Storage, cur: Any, customer_id: str, field: str, state: FieldState,
                 device: str, by: str, *, exists: bool) -> None:
    from kiosk.hq.storage.base import now

    values = [json.dumps(state.latest.value, separators=(",", ":")), state.latest.hlc,
              state.latest.base, state.restricted_at, device, by, now()]
    if exists:
        storage._run(cur, "UPDATE customer_fields SET value = ?, hlc = ?, base = ?, "
                          "restricted_at = ?, device = ?, edited_by = ?, updated = ? "
                          "WHERE customer_id = ? AND field = ?", [*values, customer_id, field])
    else:
        storage._run(cur, "INSERT INTO customer_fields (value, hlc, base, restricted_at, "
                          "device, edited_by, updated, customer_id, field) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [*values, customer_id, field])


def _value_changed(storage: Storage, cur: Any, customer_id: str, field: str, value: Any,
                   at: str, device: str) -> None:
    """Keep the tables other code reads in step: first name, current consents and their log."""
    if field == FIRST_NAME:
        storage._run(cur, "UPDATE customers SET first_name = ? WHERE id = ?",
                     [value, customer_id])
    elif field.startswith("consent:"):
        purpose = field.partition(":")[2]
        if storage._set_current_consent(cur, customer_id, purpose, bool(value), at):
            storage._run(cur, "INSERT INTO consent_log (customer_id, purpose, granted, at, "
                              "device) VALUES (?, ?, ?, ?, ?)",
                         [customer_id, purpose, int(bool(value)), at, device])


def legacy_withdrawal(storage: Storage, cur: Any, kiosk: AuthRecord, customer_id: str,
                      purpose: str, at: str) -> None:
    """A proven withdrawal from a kiosk before the record: into the record, if there is one.

    Its stamp is made from the event's time (such a kiosk has no clock), so it
    orders as the wall clocks say and, being a restriction, wins over any
    concurrent grant.
    """
    from datetime import datetime

    from kiosk.chain import stamp

    customer_id = resolve(storage, cur, customer_id)
    if not _exists(storage, cur, customer_id):
        return
    try:
        millis = int(datetime.fromisoformat(at).timestamp() * 1000)
    except ValueError:
        return
    version = Version(False, stamp(max(0, millis), 0, "legacy"), "")
    merge_versions(storage, cur, customer_id, {f"consent:{purpose}": version},
                   device=kiosk.name, by="shopper", at=at)


# -- the stored event: names and stamps, no values ------------------------------------

def minimised(payload_text: str) -> str:
    """A ``profile_edit`` payload as head office stores it: no field value, no proof."""
    try:
        payload = json.loads(payload_text)
    except ValueError:
        return "{}"
    if not isinstance(payload, dict):
        return "{}"
    fields = payload.get("fields")
    kept: dict[str, Any] = {"by": payload.get("by")}
    if isinstance(fields, dict):
        kept["fields"] = {
            str(f): {k: e.get(k) for k in ("hlc", "base")} if isinstance(e, dict) else {}
            for f, e in fields.items()}
    return json.dumps(kept, separators=(",", ":"))


# -- merging two records, showing one -----------------------------------------------

def _audit(storage: Storage, cur: Any, customer_id: str, action: str, by: str,
           details: dict[str, Any]) -> None:
    from kiosk.hq.storage.base import now

    storage._run(cur, "INSERT INTO customer_audit (customer_id, action, done_by, at, details) "
                      "VALUES (?, ?, ?, ?, ?)",
                 [customer_id, action, by, now(), json.dumps(details, sort_keys=True)])


def _known(storage: Storage, cur: Any, customer_id: str) -> bool:
    if _exists(storage, cur, customer_id):
        return True
    return storage._run(cur, "SELECT 1 FROM hq_cards WHERE customer_id = ? LIMIT 1",
                        [customer_id]).fetchone() is not None


#: tables whose rows of the merged id are handled by ``merge_customers`` itself
_MERGED_BY_RULE = frozenset({"customers", "customer_fields", "consents", "changes",
                             "customer_aliases"})


def merge_customers(storage: Storage, cur: Any, keep: str, other: str, *,
                    by: str) -> dict[str, Any]:
    """Fold ``other``'s record into ``keep``'s; ``other`` becomes an alias of ``keep``.

    Cards, events, purchases (any table with a ``customer_id`` column) follow
    ``keep``; fields merge by the rule; devices are told with a
    ``customer_merged`` change, then get ``keep``'s snapshot. Audited.
    """
    from kiosk.hq import snapshot

    if keep == other:
        raise RecordError("KEEP and OTHER are the same id")
    for name, customer_id in (("KEEP", keep), ("OTHER", other)):
        if storage._is_erased(cur, customer_id):
            raise RecordError(f"{name} has been erased")
        if resolve(storage, cur, customer_id) != customer_id:
            raise RecordError(f"{name} was merged into another record already")
        if not _known(storage, cur, customer_id):
            raise RecordError(f"{name} is not known at head office")
    incoming = {field: _state(row) for field, row in _states(storage, cur, other).items()}
    merge_states(storage, cur, keep, {f: s for f, s in incoming.items() if s is not None},
                 device="hq", by="hq", at=_now(), origin="merge", publish=False)
    moved = {}
    tables = storage.dialect.tables(cur)
    for table in sorted(tables - _MERGED_BY_RULE):
        if "customer_id" in storage.dialect.columns(cur, table):
            count = storage._run(cur, f"UPDATE {table} SET customer_id = ? "
                                      "WHERE customer_id = ?", [keep, other]).rowcount
            if count:
                moved[table] = count
    storage._run(cur, "DELETE FROM changes WHERE customer_id = ? AND kind = 'profile'", [other])
    moved["changes"] = storage._run(cur, "UPDATE changes SET customer_id = ? "
                                         "WHERE customer_id = ?", [keep, other]).rowcount
    storage._run(cur, "DELETE FROM customer_fields WHERE customer_id = ?", [other])
    storage._run(cur, "DELETE FROM consents WHERE customer_id = ?", [other])
    storage._run(cur, "DELETE FROM customers WHERE id = ?", [other])
    storage._run(cur, "UPDATE customer_aliases SET customer_id = ? WHERE customer_id = ?",
                 [keep, other])
    storage._run(cur, "INSERT INTO customer_aliases (alias, customer_id, at) VALUES (?, ?, ?)",
                 [other, keep, _now()])
    _audit(storage, cur, keep, "merge", by, {"other": other, "moved": moved})
    storage._add_changes(cur, [ChangeIn("customer_merged", {"into": keep}, None, other),
                               *snapshot.customer_changes(storage, cur, keep)])
    return {"keep": keep, "other": other, "moved": moved, "by": by}


def show(storage: Storage, cur: Any, customer_id: str, *, by: str) -> dict[str, Any]:
    """Everything head office holds about the shopper (their access request); audited."""
    target = resolve(storage, cur, customer_id)
    if storage._is_erased(cur, target) or not _known(storage, cur, target):
        raise RecordError("head office holds no record with that id")
    _audit(storage, cur, target, "viewed", by, {})
    row = storage._run(cur, "SELECT first_name, created, origin FROM customers WHERE id = ?",
                       [target]).fetchone()
    fields = {}
    for field, state in sorted(_states(storage, cur, target).items()):
        value = _state(state).value(field)
        fields[field] = {"value": value, "hlc": state[1], "base": state[2],
                         "restricted_at": state[3], "device": state[4], "by": state[5],
                         "updated": state[6]}
    cards: dict[str, list[dict[str, Any]]] = {"active": [], "revoked": []}
    for card_id, kiosk, registered, revoked in storage._run(
            cur, "SELECT card_id, kiosk, registered, revoked FROM hq_cards "
                 "WHERE customer_id = ? ORDER BY registered", [target]).fetchall():
        cards["revoked" if revoked else "active"].append(
            {"card_id": card_id, "registered_by": kiosk, "registered": registered,
             "revoked": revoked})
    log_rows = storage._run(cur, "SELECT purpose, granted, at, device FROM consent_log "
                                 "WHERE customer_id = ? ORDER BY id", [target]).fetchall()
    audit = storage._run(cur, "SELECT action, done_by, at, details FROM customer_audit "
                              "WHERE customer_id = ? ORDER BY id", [target]).fetchall()
    events = storage._run(cur, "SELECT count(*) FROM events WHERE customer_id = ?",
                          [target]).fetchone()[0]
    aliases = [r[0] for r in storage._run(
        cur, "SELECT alias FROM customer_aliases WHERE customer_id = ? ORDER BY alias",
        [target]).fetchall()]
    return {
        "customer": {"id": target, "first_name": row[0] if row else None,
                     "created": row[1] if row else None, "origin": row[2] if row else None,
                     "merged_ids": aliases},
        "fields": fields,
        "consents": {f.partition(":")[2]: e["value"] for f, e in fields.items()
                     if f.startswith("consent:")},
        "consent_log": [{"purpose": p, "granted": bool(g), "at": a, "device": d}
                        for p, g, a, d in log_rows],
        "notes": {f.partition(":")[2]: e["value"] for f, e in fields.items()
                  if f.startswith("note:") and e["value"] is not None},
        "cards": cards,
        "events": int(events),
        "stores": _stores(storage, cur, target),
        "audit": [{"action": a, "by": b, "at": t, "details": json.loads(d)}
                  for a, b, t, d in audit],
    }


def erase_rows(storage: Storage, cur: Any, customer_id: str) -> list[str]:
    """Delete the shopper's rows of every record table; returns the ids merged into them."""
    aliases = [r[0] for r in storage._run(
        cur, "SELECT alias FROM customer_aliases WHERE customer_id = ?",
        [customer_id]).fetchall()]
    storage._run(cur, "DELETE FROM customers WHERE id = ?", [customer_id])
    for table in ("customer_fields", "consent_log", "customer_audit", "customer_aliases"):
        storage._run(cur, f"DELETE FROM {table} WHERE customer_id = ?",
                     [customer_id])
    storage._run(cur, "DELETE FROM customer_aliases WHERE alias = ?", [customer_id])
    return aliases


def _now() -> str:
    from kiosk.hq.storage.base import now

    return now()
