"""Help requests at head office: a kiosk asks, the store's tablets list and take them.

A kiosk's "Ask for help" is stored here (``POST /v1/help``) and served to the
tablets of the same store (``GET /v1/staff/help``) until a member of staff takes it
(``POST /v1/help/{id}/take``, first taker wins) or it expires (``EXPIRES``).
Tablets send a heartbeat naming who is signed in (``POST /v1/staff/presence``);
a heartbeat older than ``PRESENCE_TTL`` counts as nobody. The kiosk reads its
request's state (``GET /v1/help/{id}``) to tell the shopper the truth.

The shopper's first name and what they were looking at reach head office only
if the kiosk saw their ``staff_profile`` consent (``kiosk.help``); nothing
personal is logged here.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

if TYPE_CHECKING:
    from kiosk.hq.storage.base import AuthRecord, Storage

#: how long a request is served to tablets
EXPIRES = timedelta(minutes=10)
#: a tablet that has not sent a heartbeat for this long has nobody signed in
PRESENCE_TTL = timedelta(seconds=90)
#: the longest a tablet's ``GET /v1/staff/help?wait=`` waits for a request
MAX_WAIT = 25.0
MAX_NAME = 64
MAX_LOOKING_AT = 5
#: printable, with at least one character that is not a space
NAME_PATTERN = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"


class HelpError(ValueError):
    """A help request cannot be asked, read or taken; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _name(value: str | None) -> str | None:
    return value.strip() if value is not None else None


class LookedAt(BaseModel):
    """A product the shopper was looking at."""

    model_config = ConfigDict(extra="forbid")
    sku: str = Field(min_length=1, max_length=64)
    name: str | None = Field(default=None, max_length=200)


class HelpIn(BaseModel):
    """A kiosk asks for help. ``first_name`` and ``looking_at`` only with the shopper's
    ``staff_profile`` consent."""

    model_config = ConfigDict(extra="forbid")
    request_id: uuid.UUID
    first_name: str | None = Field(default=None, max_length=MAX_NAME,
                                   pattern=NAME_PATTERN)
    looking_at: list[LookedAt] = Field(default_factory=list, max_length=MAX_LOOKING_AT)

    _check_name = field_validator("first_name")(_name)


class HelpState(BaseModel):
    """A request as the kiosk that asked sees it."""

    request_id: str
    state: Literal["waiting", "taken", "expired"]
    taken_by: str | None = None
    #: whether a member of staff is signed in on a tablet of this store now
    staff_signed_in: bool


class PendingRequest(BaseModel):
    """A request as a tablet sees it."""

    request_id: str
    kiosk: str
    asked: str
    first_name: str | None = None
    looking_at: list[LookedAt] = Field(default_factory=list)


class PendingList(BaseModel):
    requests: list[PendingRequest]


class TakeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    staff_name: str = Field(max_length=MAX_NAME, pattern=NAME_PATTERN)

    _check_name = field_validator("staff_name")(_name)


class PresenceIn(BaseModel):
    """Who is signed in on this tablet now (null: nobody)."""

    model_config = ConfigDict(extra="forbid")
    staff_name: str | None = Field(default=None, max_length=MAX_NAME,
                                   pattern=NAME_PATTERN)

    _check_name = field_validator("staff_name")(_name)


class PresenceOut(BaseModel):
    staff_signed_in: bool


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def staff_signed_in(storage: Storage, cur: Any, store_id: str, now: datetime) -> bool:
    """Whether a tablet of ``store_id`` sent a heartbeat naming someone within the TTL."""
    row = storage._run(cur, "SELECT count(*) FROM hq_staff_presence WHERE store_id = ? "
                            "AND staff_name IS NOT NULL AND seen > ?",
                       [store_id, _stamp(now - PRESENCE_TTL)]).fetchone()
    return bool(row[0])


def ask(storage: Storage, kiosk: AuthRecord, body: HelpIn, *,
        now: datetime | None = None) -> HelpState:
    """Store ``kiosk``'s request (once per id); 409 if another kiosk used the id."""
    moment = _now(now)
    request_id = str(body.request_id)
    looking_at = json.dumps([item.model_dump() for item in body.looking_at]) \
        if body.looking_at else None
    with storage._tx(write=True) as cur:
        storage._run(cur, "INSERT INTO hq_help_requests (request_id, store_id, kiosk, asked, "
                          "expires, first_name, looking_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (request_id) DO NOTHING",
                     [request_id, kiosk.store_id, kiosk.name, _stamp(moment),
                      _stamp(moment + EXPIRES), body.first_name, looking_at])
        return _state(storage, cur, kiosk, request_id, moment)


def state(storage: Storage, kiosk: AuthRecord, request_id: uuid.UUID, *,
          now: datetime | None = None) -> HelpState:
    """The state of ``kiosk``'s own request; 404 for an id it did not ask."""
    with storage._tx(write=False) as cur:
        return _state(storage, cur, kiosk, str(request_id), _now(now))


def _state(storage: Storage, cur: Any, kiosk: AuthRecord, request_id: str,
           now: datetime) -> HelpState:
    row = storage._run(cur, "SELECT kiosk, expires, taken_by FROM hq_help_requests "
                            "WHERE request_id = ?", [request_id]).fetchone()
    if row is None:
        raise HelpError("request_id: no help request has this id", 404)
    if row[0] != kiosk.name:
        raise HelpError("request_id: another device asked this request", 409)
    current = ("taken" if row[2] is not None
               else "waiting" if row[1] > _stamp(now) else "expired")
    return HelpState(request_id=request_id, state=current, taken_by=row[2],
                     staff_signed_in=staff_signed_in(storage, cur, kiosk.store_id, now))


def pending(storage: Storage, tablet: AuthRecord, *,
            now: datetime | None = None) -> PendingList:
    """The requests of ``tablet``'s store nobody has taken yet, oldest first."""
    with storage._tx(write=False) as cur:
        rows = storage._run(cur, "SELECT request_id, kiosk, asked, first_name, looking_at "
                                 "FROM hq_help_requests WHERE store_id = ? AND taken_by IS NULL "
                                 "AND expires > ? ORDER BY asked, request_id",
                            [tablet.store_id, _stamp(_now(now))]).fetchall()
    return PendingList(requests=[
        PendingRequest(request_id=r[0], kiosk=r[1], asked=r[2], first_name=r[3],
                       looking_at=json.loads(r[4]) if r[4] else []) for r in rows])


def take(storage: Storage, tablet: AuthRecord, request_id: uuid.UUID, body: TakeIn, *,
         now: datetime | None = None) -> PendingRequest:
    """``body.staff_name`` takes a request of ``tablet``'s store: the first taker wins.

    404 for an id this store did not ask; 409 if it was taken already or expired.
    """
    moment, key = _now(now), str(request_id)
    with storage._tx(write=True) as cur:
        done = storage._run(cur, "UPDATE hq_help_requests SET taken_by = ?, taken_device = ?, "
                                 "taken_at = ? WHERE request_id = ? AND store_id = ? "
                                 "AND taken_by IS NULL AND expires > ?",
                            [body.staff_name, tablet.name, _stamp(moment), key,
                             tablet.store_id, _stamp(moment)]).rowcount
        row = storage._run(cur, "SELECT request_id, kiosk, asked, first_name, looking_at, "
                                "taken_by, taken_device, store_id FROM hq_help_requests "
                                "WHERE request_id = ?", [key]).fetchone()
    if row is None or row[7] != tablet.store_id:
        raise HelpError("request_id: no help request of this store has this id", 404)
    if done != 1:
        if row[5] is not None and row[6] == tablet.name and row[5] == body.staff_name:
            pass  # the same taker again (a retry after a lost answer)
        elif row[5] is not None:
            raise HelpError("request_id: someone has taken this request already", 409)
        else:
            raise HelpError("request_id: this request has expired", 409)
    return PendingRequest(request_id=row[0], kiosk=row[1], asked=row[2], first_name=row[3],
                          looking_at=json.loads(row[4]) if row[4] else [])


def heartbeat(storage: Storage, tablet: AuthRecord, body: PresenceIn, *,
              now: datetime | None = None) -> PresenceOut:
    """Record who is signed in on ``tablet`` now; answers whether anyone is in its store."""
    moment = _now(now)
    with storage._tx(write=True) as cur:
        storage._run(cur, "INSERT INTO hq_staff_presence (device, store_id, staff_name, seen) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET "
                          "store_id = excluded.store_id, staff_name = excluded.staff_name, "
                          "seen = excluded.seen",
                     [tablet.name, tablet.store_id, body.staff_name, _stamp(moment)])
        return PresenceOut(staff_signed_in=staff_signed_in(storage, cur, tablet.store_id,
                                                           moment))
