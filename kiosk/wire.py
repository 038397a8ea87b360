"""The sync API's bodies, written once for both ends: msgspec structs.

A kiosk encodes its batches with them (``encode_batch``); head office decodes
batches and published changes with them (``kiosk.hq.batch``,
``kiosk.hq.changes``) and publishes them as the schemas of its OpenAPI spec
(``openapi_components``). So there is one description of each body, and no
second model to keep in step.

What a type cannot check (an event's UUID and kind have a shape, its time a
time zone, ids no NUL character) is said here in the published schema
(``extra_json_schema``, from the patterns below) and checked by head office
(``kiosk.hq.batch``) with the same patterns; the rules of each change kind
are ``kiosk.hq.changes``'s. An integer may be written as a whole float
(``2.0``): JSON Schema, which the spec is written in, reads it as the integer 2.

Light on purpose: msgspec and nothing of the kiosk's app, its screens or
head office's server, so either end imports it.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

MAX_SEQ = 2**62
MAX_EVENTS = 10_000
MAX_SCHEMA_VERSION = 1000
MAX_CHANGES = 10_000
#: an event's ``uuid``: 8-4-4-4-12 hexadecimal digits, either case
UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
#: an event's ``kind``: lower-case letters and ``_``
KIND_PATTERN = r"^[a-z][a-z_]*$"
#: text head office can store (PostgreSQL's text and jsonb refuse NUL)
NO_NUL = r"^[^\x00]*$"
#: ``#/components/schemas/{name}``: where the spec keeps each schema
REF_TEMPLATE = "#/components/schemas/{name}"


def _text(max_length: int, min_length: int = 0, **schema: Any) -> Any:
    """Text of ``min_length``-``max_length`` characters; ``schema`` says what else it must
    be (by default: no NUL)."""
    return Annotated[str, msgspec.Meta(min_length=min_length, max_length=max_length,
                                       extra_json_schema=schema or {"pattern": NO_NUL})]


def _whole(ge: int, le: int) -> Any:
    """An integer from ``ge`` to ``le``, also written as a whole float (head office makes
    it an int; a fraction is refused). Published as an integer (``_integers``)."""
    bounds = msgspec.Meta(ge=ge, le=le)
    return Annotated[Annotated[int, bounds] | Annotated[float, bounds],
                     msgspec.Meta(extra_json_schema={"type": "integer"})]


def _no_payload() -> msgspec.Raw:
    return msgspec.Raw(b"{}")


class EventIn(msgspec.Struct, gc=False):
    """One event of a kiosk's outbox; ``payload`` travels as the JSON text the kiosk wrote."""

    uuid: _text(36, 36, pattern=UUID_PATTERN)
    seq: _whole(1, MAX_SEQ)
    kind: _text(64, 1, pattern=KIND_PATTERN)
    ts: _text(64, 1, format="date-time")  # RFC 3339: with a time zone
    critical: bool = False  # the kiosk's own bookkeeping; head office does not store it
    customer_id: _text(128) | None = None
    payload: Annotated[msgspec.Raw, msgspec.Meta(extra_json_schema={"type": "object"})] = (
        msgspec.field(default_factory=_no_payload))
    schema_version: _whole(1, MAX_SCHEMA_VERSION) = 1


class BatchIn(msgspec.Struct, kw_only=True):
    """A batch of one kiosk's events; the kiosk is the one the token names."""

    batch_id: _text(64, 1)
    kiosk_id: _text(128) | None = None
    store_id: _text(128) | None = None
    dropped: _whole(0, MAX_SEQ) = 0
    events: Annotated[list[EventIn], msgspec.Meta(max_length=MAX_EVENTS)]


class Ack(msgspec.Struct, kw_only=True):
    """Head office's answer to a batch, sent once the batch is committed."""

    batch_id: str
    accepted: int
    duplicates: int
    out_of_order: int
    discarded: int = 0  # events of customers erased before they arrived
    last_seq: int


class Change(msgspec.Struct):
    """A change of head office's feed, as a kiosk downloads it."""

    id: int
    kind: str
    store_id: str | None
    customer_id: str | None
    data: dict[str, Any]


class ChangesPage(msgspec.Struct):
    """Changes after a cursor; ``cursor`` is the one to ask from next."""

    changes: list[Change]
    cursor: int
    more: bool


class ChangeIn(msgspec.Struct, frozen=True):
    """A change for kiosks, before it enters the feed; ``kiosk.hq.changes`` has the rules
    of each kind (and the schema published for it, ``kiosk.hq.change_schema``)."""

    kind: str
    data: dict[str, Any] = {}
    store_id: str | None = None
    customer_id: str | None = None


class PublishIn(msgspec.Struct):
    """Changes an operator publishes, all or none."""

    changes: Annotated[list[ChangeIn], msgspec.Meta(min_length=1, max_length=MAX_CHANGES)]


_encode = msgspec.json.Encoder().encode


def _event(event: dict[str, Any]) -> EventIn:
    payload = event.get("payload_json")
    if payload is None:
        payload = _encode(event.get("payload") or {})
    return EventIn(event["uuid"], int(event["seq"]), event["kind"], event["ts"],
                   bool(event.get("critical")), event.get("customer_id"),
                   msgspec.Raw(payload), int(event.get("schema_version", 1)))


def encode_batch(batch: dict[str, Any]) -> bytes:
    """``batch`` (see ``kiosk.sync.transport.Transport.send_batch``) as UTF-8 JSON.

    Each event's payload is written as the JSON text the outbox holds
    (``payload_json``), never parsed again: a batch of 2,000 events takes
    about a millisecond.
    """
    return _encode(BatchIn(batch_id=batch["batch_id"], kiosk_id=batch.get("kiosk_id"),
                           store_id=batch.get("store_id"), dropped=batch.get("dropped", 0),
                           events=[_event(event) for event in batch["events"]]))


def describe(error: msgspec.DecodeError, root: str = "body") -> str:
    """Where and what of a decoding error, e.g. ``body.events.0.seq: Expected `int` >= 1``.

    Never the input: it may be personal data.
    """
    message, _, path = str(error).partition(" - at `$")
    if not isinstance(error, msgspec.ValidationError):
        return _at(root, f"not valid JSON ({message})")
    # msgspec names no key of a mapping ("$.changes[0].data[...]"): where is the mapping
    path = path.rstrip("`").partition("[...]")[0].replace("[", ".").replace("]", "")
    return _at(f"{root}{path}".lstrip("."), message)


def _at(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def openapi_components() -> dict[str, dict[str, Any]]:
    """The JSON Schemas of the bodies, by name, for an OpenAPI spec's components."""
    _, components = msgspec.json.schema_components(
        [BatchIn, Ack, ChangesPage, PublishIn], ref_template=REF_TEMPLATE)
    return {name: _integers(schema) for name, schema in components.items()}


def _integers(schema: Any) -> Any:
    """``_whole``'s schema, ``integer`` over ``anyOf: [integer, number]``, said once: as
    ``integer`` (which takes 2.0) with its bounds."""
    if isinstance(schema, list):
        return [_integers(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    options = schema.get("anyOf")
    if schema.get("type") == "integer" and options and [o.get("type") for o in options] == [
            "integer", "number"]:
        whole, number = options
        if {**whole, "type": "number"} == number:
            return {**{k: v for k, v in schema.items() if k != "anyOf"}, **whole}
    return {key: _integers(value) for key, value in schema.items()}
