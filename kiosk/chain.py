"""The shopper's record across the chain: field by field, the latest edit wins, except
that a restriction wins over a concurrent permission.

Every device of the chain (kiosks, staff tablets) and head office hold a
shopper's profile as a set of **fields**, each a small value with the
**version** that wrote it. Devices edit offline; their edits travel to head
office, which merges them and sends the result to every device. So that every
copy ends up the same whatever order the edits arrive in, all of them decide
with one rule, ``merge`` (and ``FieldState.value``):

- each edit is stamped by a **hybrid logical clock** (``Clock``): wall-clock
  milliseconds, a counter, the device's name. A device that has seen a stamp
  never stamps below it, so an edit made after seeing another one always
  orders after it, even when the device's own clock is behind (skew);
- each edit also carries ``base``: the stamp of the version of that field the
  device had when it made the edit (``""`` if none). ``base`` tells a
  deliberate change ("I saw the withdrawal, and grant again") from a
  concurrent one ("I did not know it had been withdrawn");
- the latest stamp wins, except that a **restriction** (a consent withdrawn,
  personalisation paused) wins over a **concurrent** permission, whichever is
  later: a permission replaces a restriction only if its editor had seen it
  (its ``base`` is at least the latest restriction's stamp).
  An erasure is not a field: it removes the record everywhere and is never
  undone (``kiosk.privacy``, head office's ``erasures``).

Field names (``first_name``, ``consent:PURPOSE``, ``paused``,
``pref:KEY:VALUE``, ``not_for_me:SKU``, ``saved:SKU``, ``exclude:INVOICE:SKU``,
``note:ID``, and staff's curation: ``staff_pick:SKU``, ``pin:SKU``, ``hide:SKU``,
``advisor``: the member of staff the shopper is assigned to) and
what each value may be are checked by ``check_field``.

Headless and dependency-free: the kiosk's store and head office both import it.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ADVISOR", "FIRST_NAME", "PAUSED",
    "Clock", "FieldState", "Version", "check_field", "consent_field",
    "edits_digest",
    "exclusion_field", "is_restrictive", "merge", "merge_state", "note_field", "preference_field",
    "sku_field", "staff_pick_field", "stamp", "unstamp",
]

FIRST_NAME = "first_name"
PAUSED = "paused"
ADVISOR = "advisor"
#: field name prefixes whose value is a bool
_BOOL_PREFIXES = ("consent:", "not_for_me:", "saved:", "exclude:", "pin:", "hide:")
MAX_FIELD = 200
MAX_NAME = 40
MAX_NOTE = 2000
MAX_PICK_NOTE = 200
MAX_STORE = 128
PREFERENCE_SOURCES = ("shopper", "staff", "inferred")
_STAMP = re.compile(r"([0-9a-f]{12})-([0-9a-f]{4})-(.{1,64})", re.ASCII | re.DOTALL).fullmatch
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# -- the clock -------------------------------------------------------------------

def stamp(millis: int, counter: int, node: str) -> str:
    """A clock reading as text; texts sort as the readings do (then by node)."""
    return f"{millis:012x}-{counter:04x}-{node}"


def unstamp(text: str) -> tuple[int, int, str]:
    """``(millis, counter, node)`` of a stamp; ValueError if it is not one."""
    match = _STAMP(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("a clock stamp looks like 0190f1a2b3c4-0000-device")
    return int(match[1], 16), int(match[2], 16), match[3]


class Clock:
    """A hybrid logical clock for one device (Kulkarni et al., 2014).

    ``tick()`` stamps a local edit; ``observe(stamp)`` moves the clock past a
    stamp received from elsewhere, so the next local edit orders after it.
    Thread-safe. ``last`` restores the reading a device kept (a restart never
    goes back).
    """

    def __init__(self, node: str, *, last: str | None = None,
                 wall: Callable[[], float] = time.time):
        if not node or len(node) > 64 or _CONTROL.search(node):
            raise ValueError("a clock's node is a device name of 1 to 64 characters")
        self.node = node
        self._wall = wall
        self._millis, self._counter = 0, 0
        self._lock = threading.Lock()
        if last:
            self.observe(last)

    def _now(self) -> int:
        return int(self._wall() * 1000)

    def tick(self) -> str:
        with self._lock:
            wall = self._now()
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
                if self._counter > 0xFFFF:  # 65,536 edits in one millisecond
                    self._millis, self._counter = self._millis + 1, 0
            return stamp(self._millis, self._counter, self.node)

    def observe(self, received: str) -> None:
        millis, counter, _ = unstamp(received)
        with self._lock:
            wall = self._now()
            if millis > self._millis or (millis == self._millis and counter > self._counter):
                self._millis, self._counter = millis, counter
            if wall > self._millis:
                self._millis, self._counter = wall, 0

    @property
    def reading(self) -> str:
        """The last stamp given or seen (what a device keeps across restarts)."""
        with self._lock:
            return stamp(self._millis, self._counter, self.node)


def _order(text: str) -> tuple[int, int, str]:
    return unstamp(text) if text else (-1, -1, "")


# -- the merge rule ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Version:
    """One edit of a field: its value (None: removed), its stamp and its base."""

    value: Any
    hlc: str
    base: str = ""


@dataclass(frozen=True, slots=True)
class FieldState:
    """What a copy keeps of one field: the latest edit and the latest restriction's stamp.

    Both parts only ever grow (the later stamp is kept), so merging edits in
    any order, twice or in batches, gives every copy the same state, and
    ``value`` is a function of the state alone: copies converge.
    """

    latest: Version
    restricted_at: str = ""

    def value(self, field: str) -> Any:
        """The field's value: the latest edit's, unless it is a permission made
        without having seen the latest restriction (then the restriction's)."""
        if not self.restricted_at or is_restrictive(field, self.latest.value):
            return self.latest.value
        if _order(self.latest.base) >= _order(self.restricted_at):
            return self.latest.value
        return RESTRICTION[_kind(field)]


def is_restrictive(field: str, value: Any) -> bool:
    """A consent withdrawn or personalisation paused: the answers that protect the shopper."""
    kind = _kind(field)
    return kind in RESTRICTION and value is RESTRICTION[kind]


#: the restrictive value of each field kind that has one
RESTRICTION = {"consent": False, PAUSED: True}


def _kind(field: str) -> str:
    return field.partition(":")[0]


def merge(field: str, state: FieldState | None, incoming: Version) -> FieldState:
    """``state`` with ``incoming`` merged in (a new state; ``state`` is unchanged)."""
    if state is None:
        latest, restricted_at = incoming, ""
    else:
        latest = incoming if _order(incoming.hlc) > _order(state.latest.hlc) else state.latest
        restricted_at = state.restricted_at
    if is_restrictive(field, incoming.value) and _order(incoming.hlc) > _order(restricted_at):
        restricted_at = incoming.hlc
    return FieldState(latest, restricted_at)


def merge_state(field: str, state: FieldState | None, incoming: FieldState) -> FieldState:
    """``state`` with another copy's whole state of the field merged in.

    A copy sends its state (latest edit and latest restriction's stamp), not
    each edit it saw: the restriction's stamp is kept as well, so merging
    states is as convergent as merging edits (both parts only grow).
    """
    merged = merge(field, state, incoming.latest)
    if _order(incoming.restricted_at) > _order(merged.restricted_at):
        merged = FieldState(merged.latest, incoming.restricted_at)
    return merged


def edits_digest(fields: dict[str, Any]) -> str:
    """What a proof of presence for an edit is bound to: its fields and their stamps.

    The device seals it with the shopper's card; head office recomputes it
    from the edit it received, so a proof cannot be moved to another edit.
    """
    pairs = sorted((str(field), str(entry.get("hlc")) if isinstance(entry, dict) else "")
                   for field, entry in fields.items())
    return hashlib.sha256(json.dumps(pairs, separators=(",", ":")).encode()).hexdigest()


# -- field names and values ------------------------------------------------------

def consent_field(purpose: str) -> str:
    return f"consent:{purpose}"


def preference_field(key: str, value: str) -> str:
    return f"pref:{key}:{value}"


def sku_field(kind: str, sku: str) -> str:
    """``not_for_me:SKU`` or ``saved:SKU``."""
    if kind not in ("not_for_me", "saved"):
        raise ValueError("kind must be not_for_me or saved")
    return f"{kind}:{sku}"


def exclusion_field(invoice: str, sku: str) -> str:
    """A purchase the shopper asked us not to use (the till's invoice and line's product)."""
    return f"exclude:{invoice}:{sku}"


def note_field(note_id: str) -> str:
    return f"note:{note_id}"


def staff_pick_field(sku: str) -> str:
    """A member of staff's pick for the shopper: ``{"by", "note", "store"}`` or None."""
    return f"staff_pick:{sku}"


def _check_staff_pick(value: Any) -> str | None:
    if value is None:
        return None
    if (isinstance(value, dict) and set(value) == {"by", "note", "store"}
            and all(isinstance(v, str) and not _CONTROL.search(v) for v in value.values())
            and 0 < len(value["by"].strip()) <= MAX_NAME and len(value["note"]) <= MAX_PICK_NOTE
            and 0 < len(value["store"]) <= MAX_STORE):
        return None
    return (f"staff_pick: {{\"by\": 1 to {MAX_NAME} characters, \"note\": at most "
            f"{MAX_PICK_NOTE} characters, \"store\": 1 to {MAX_STORE} characters}}, or null")


def check_field(field: Any, value: Any, *, purposes: Any = None) -> str | None:
    """What is wrong with ``field = value`` (None: nothing); never quotes the value.

    ``purposes``: the consent purposes allowed (any when None).
    """
    if not isinstance(field, str) or not 0 < len(field) <= MAX_FIELD or _CONTROL.search(field):
        return f"a field name is text of 1 to {MAX_FIELD} characters without control characters"
    if field == FIRST_NAME:
        if value is None or (isinstance(value, str) and len(value.strip()) <= MAX_NAME
                             and not _CONTROL.search(value)):
            return None
        return f"{field}: text of at most {MAX_NAME} characters, or null"
    if field == PAUSED:
        return None if isinstance(value, bool) else f"{field}: true or false"
    if field == ADVISOR:
        if value is None or (isinstance(value, str) and 0 < len(value.strip()) <= MAX_NAME
                             and not _CONTROL.search(value)):
            return None
        return f"{field}: a staff member's name of 1 to {MAX_NAME} characters, or null"
    if field.startswith(_BOOL_PREFIXES):
        prefix, _, rest = field.partition(":")
        if not rest:
            return f"{prefix}: needs what it is about after the colon"
        if prefix == "consent" and purposes is not None and rest not in purposes:
            return f"{prefix}: the purpose must be one of {', '.join(sorted(purposes))}"
        return None if isinstance(value, bool) else f"{prefix}: true or false"
    if field.startswith("pref:"):
        parts = field.split(":", 2)
        if len(parts) != 3 or not parts[1] or not parts[2]:
            return "pref: a preference field is pref:KEY:VALUE"
        if value is None or (isinstance(value, dict) and set(value) == {"source"}
                             and value["source"] in PREFERENCE_SOURCES):
            return None
        return f"pref: {{\"source\": {' | '.join(PREFERENCE_SOURCES)}}}, or null (removed)"
    if field.startswith("note:"):
        if field == "note:":
            return "note: needs the note's id after the colon"
        if value is None or (isinstance(value, dict) and isinstance(value.get("text"), str)
                             and 0 < len(value["text"]) <= MAX_NOTE
                             and isinstance(value.get("author"), str)):
            return None
        return f"note: {{\"text\": 1 to {MAX_NOTE} characters, \"author\": ...}}, or null"
    if field.startswith("staff_pick:"):
        if field == "staff_pick:":
            return "staff_pick: needs the product's sku after the colon"
        return _check_staff_pick(value)
    return ("unknown field; fields are first_name, paused, advisor, consent:P, pref:K:V, "
            "not_for_me:SKU, saved:SKU, exclude:INVOICE:SKU, note:ID, staff_pick:SKU, "
            "pin:SKU, hide:SKU")
