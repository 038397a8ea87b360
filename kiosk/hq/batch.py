"""A batch of events from a kiosk, decoded and checked in one fast pass.

``POST /v1/events`` is head office's hot path, so its body is not parsed by
pydantic (which built a dict for every payload only for it to be serialised
again). msgspec decodes the batch straight into the structs of the wire
schema (``kiosk.wire.BatchIn``, the schema the OpenAPI spec publishes),
keeping each payload as the JSON text the kiosk sent (``msgspec.Raw``); a
few cheap checks in Python then do what the types cannot, with the patterns
that schema publishes, faster than a regular expression per field would:

- ``uuid`` is a UUID in its 8-4-4-4-12 hex form (stored lower-case);
- ``seq`` 1..2**62; ``kind`` lower-case letters and ``_``, 1-64 long;
- integers may be written as whole floats (``2.0`` is the integer 2 in the
  JSON Schema the spec publishes), nothing else (not ``"2"``, not ``true``);
- ``customer_id`` at most 128 characters, no NUL; ``schema_version`` 1..1000;
- ``ts`` an ISO 8601 time with a time zone (stored as UTC, microseconds);
- ``payload`` a JSON object (stored as sent);
- at most 10,000 events; ``batch_id`` 1-64 characters, ids at most 128;
- JSON nested at most ``MAX_JSON_DEPTH`` (64) levels: a payload, three levels
  down, at most 61 (counted on the few payloads with that many brackets).

Invalid input raises ``InvalidBatch`` with where and what was wrong, never
the input itself (it may be personal data).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import msgspec

from kiosk.hq.limits import MAX_JSON_DEPTH, json_too_deep
from kiosk.wire import KIND_PATTERN, UUID_PATTERN, BatchIn, EventIn, describe

#: the batch, its list of events and the event enclose a payload
MAX_PAYLOAD_DEPTH = MAX_JSON_DEPTH - 3
TOO_DEEP = f"JSON nested deeper than {MAX_JSON_DEPTH} levels (the limit)"


class InvalidBatch(ValueError):
    """The body is not a valid batch; the message says where and what."""


class _Columns(msgspec.Struct, gc=False):
    """The payload fields head office also keeps in columns (for the report)."""

    session_id: Any = None
    sku: Any = None
    recommender: Any = None


class Event(msgspec.Struct, frozen=True, gc=False):
    """A checked event, ready to store."""

    uuid: str  # lower-case
    seq: int
    kind: str
    customer_id: str | None
    payload: str  # a JSON object, as the kiosk sent it
    ts: str  # UTC, ISO 8601 with microseconds
    schema_version: int
    session_id: str | None = None
    sku: str | None = None
    recommender: str | None = None

    def payload_dict(self) -> dict[str, Any]:
        return msgspec.json.decode(self.payload)


class Batch(msgspec.Struct, frozen=True):
    batch_id: str
    dropped: int
    events: list[Event]


_decode_batch = msgspec.json.Decoder(BatchIn).decode
_decode_events = msgspec.json.Decoder(list[EventIn]).decode
_decode_columns = msgspec.json.Decoder(_Columns).decode
_encode = msgspec.json.Encoder().encode
_UUID = re.compile(UUID_PATTERN, re.ASCII).fullmatch
_KIND = re.compile(KIND_PATTERN, re.ASCII).fullmatch
_fromisoformat = datetime.fromisoformat


def decode_batch(body: bytes) -> Batch:
    """The batch in a ``POST /v1/events`` body (UTF-8 JSON), checked."""
    _utf8(body)
    try:
        raw = _decode_batch(body)
    except msgspec.DecodeError as error:  # ValidationError included
        raise InvalidBatch(describe(error)) from None
    except RecursionError:  # msgspec's own guard, a thousand levels down
        raise InvalidBatch(f"body: {TOO_DEEP}") from None
    for name in ("batch_id", "kiosk_id", "store_id"):
        value = getattr(raw, name)
        if value is not None and "\x00" in value:
            raise InvalidBatch(f"body.{name}: must not contain NUL characters")
    dropped = raw.dropped if raw.dropped.__class__ is int else _whole(raw.dropped, "body.dropped")
    return Batch(raw.batch_id, dropped, _checked(raw.events, "body.events"))


def decode_events(events: list[dict[str, Any]]) -> list[Event]:
    """Events given as dicts (Python callers, tests), checked as if they came as JSON."""
    try:
        body = _encode(events)
    except (TypeError, ValueError) as error:
        raise InvalidBatch(f"events: not JSON ({error})") from None
    try:
        raw = _decode_events(body)
    except msgspec.DecodeError as error:
        raise InvalidBatch(describe(error, "events")) from None
    except RecursionError:
        raise InvalidBatch(f"events: {TOO_DEEP}") from None
    return _checked(raw, "events")


def _utf8(body: bytes) -> None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidBatch(f"body: not valid UTF-8 (byte {error.start})") from None


def _checked(events: list[EventIn], where: str) -> list[Event]:
    checked = []
    kinds: set[str] = set()
    for index, event in enumerate(events):
        if _UUID(event.uuid) is None:
            raise InvalidBatch(f"{where}.{index}.uuid: must be a UUID "
                               "(8-4-4-4-12 hexadecimal digits)")
        kind = event.kind
        if kind not in kinds:
            if _KIND(kind) is None:
                raise InvalidBatch(f"{where}.{index}.kind: must be lower-case letters and _")
            kinds.add(kind)
        customer_id = event.customer_id
        if customer_id is not None and "\x00" in customer_id:
            raise InvalidBatch(f"{where}.{index}.customer_id: must not contain NUL characters")
        ts = event.ts
        if not (len(ts) == 32 and ts[26:] == "+00:00" and ts[4] == ts[7] == "-"
                and ts[10] == "T" and ts[13] == ts[16] == ":" and ts[19] == "."
                and _is_time(ts)):
            ts = _utc(ts, f"{where}.{index}.ts")
        payload = bytes(event.payload)
        if (payload.count(b"{") + payload.count(b"[") > MAX_PAYLOAD_DEPTH
                and json_too_deep(payload, MAX_PAYLOAD_DEPTH)):
            raise InvalidBatch(f"{where}.{index}.payload: {TOO_DEEP}")
        try:
            columns = _decode_columns(payload)
        except msgspec.DecodeError:
            raise InvalidBatch(f"{where}.{index}.payload: must be a JSON object") from None
        session_id, sku, recommender = columns.session_id, columns.sku, columns.recommender
        seq, version = event.seq, event.schema_version
        if seq.__class__ is not int:
            seq = _whole(seq, f"{where}.{index}.seq")
        if version.__class__ is not int:
            version = _whole(version, f"{where}.{index}.schema_version")
        checked.append(Event(
            event.uuid.lower(), seq, kind, customer_id, payload.decode(), ts, version,
            session_id if session_id.__class__ is str and len(session_id) <= 256 else None,
            sku if sku.__class__ is str and len(sku) <= 256 else None,
            recommender if recommender.__class__ is str and len(recommender) <= 256 else None,
        ))
    return checked


def _whole(number: float, where: str) -> int:
    if not number.is_integer():
        raise InvalidBatch(f"{where}: must be a whole number")
    return int(number)


def _is_time(text: str) -> bool:
    """Whether ``text``, in the stored form's shape, is a real date and time."""
    try:
        _fromisoformat(text)
    except ValueError:
        return False
    return True


def _utc(text: str, where: str) -> str:
    """``text`` (ISO 8601 with a time zone) as UTC with microseconds."""
    try:
        moment = _fromisoformat(text.upper())  # RFC 3339 allows a lower-case "t" and "z"
    except ValueError:
        raise InvalidBatch(f"{where}: must be an ISO 8601 date and time") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidBatch(f"{where}: must include a time zone")
    try:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    except OverflowError:  # e.g. 0001-01-01T00:00+01:00
        raise InvalidBatch(f"{where}: out of range once converted to UTC") from None

