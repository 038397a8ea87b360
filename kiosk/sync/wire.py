"""The upload's wire format: a batch as head office's JSON, built fast.

The outbox already holds each payload as JSON text, so an event is written
around it rather than parsed and serialised again (half the cost of an
upload otherwise).
"""

from __future__ import annotations

import json
from typing import Any

_dumps = json.JSONEncoder(separators=(",", ":")).encode


def encode_event(event: dict[str, Any]) -> str:
    payload = event.get("payload_json")
    if payload is None:
        payload = _dumps(event.get("payload") or {})
    critical = "true" if event.get("critical") else "false"
    return (
        f'{{"uuid":{_dumps(event["uuid"])},"seq":{int(event["seq"])},'
        f'"kind":{_dumps(event["kind"])},"critical":{critical},'
        f'"customer_id":{_dumps(event.get("customer_id"))},"ts":{_dumps(event["ts"])},'
        f'"schema_version":{int(event.get("schema_version", 1))},"payload":{payload}}}'
    )


def encode_batch(batch: dict[str, Any]) -> bytes:
    """``batch`` (see ``Transport.send_batch``) as UTF-8 JSON."""
    head = {key: value for key, value in batch.items() if key != "events"}
    events = ",".join(encode_event(event) for event in batch["events"])
    return (_dumps(head)[:-1] + (',' if head else '') + '"events":[' + events + "]}").encode()
