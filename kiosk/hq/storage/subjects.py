"""Sealed subjects of kiosk requests (an erasure, a consent withdrawal's proof).

A kiosk seals the subject (a customer id, a card code) for head office's
public key; head office opens it, acts on it, and never stores it opened.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.sync import sealing


def open_subject(payload: dict[str, Any] | Any, private_key: str,
                 field: str = "sealed_subject") -> str | None:
    """The text sealed in a request's payload ``field``; None if it cannot be read."""
    sealed = payload.get(field) if isinstance(payload, dict) else None
    if not isinstance(sealed, str):
        return None
    try:
        return sealing.open_sealed(private_key, sealed)
    except sealing.SealingError:
        return None


def without_opened_subject(payload_json: str, private_key: str,
                           field: str = "sealed_subject") -> str | None:
    """The payload without its sealed ``field``, if head office can open it (else None).

    Head office's key opens the subject (a customer id, a card code), so
    keeping it would keep them. One head office cannot open is kept: the
    right key may be restored later.
    """
    try:
        payload = json.loads(payload_json)
    except ValueError:
        return None
    if open_subject(payload, private_key, field) is None:
        return None
    payload.pop(field)
    return json.dumps(payload, separators=(",", ":"))


def parse_subject(text: str | None) -> dict[str, Any] | None:
    """An opened request subject as a dict (an older kiosk sealed the bare id)."""
    if text is None:
        return None
    try:
        subject = json.loads(text)
    except ValueError:
        subject = None
    if not isinstance(subject, dict):
        return {"customer_id": text}
    if not isinstance(subject.get("customer_id"), str) or not subject["customer_id"]:
        return None
    return subject
