"""Card registrations and proofs of presence as kiosks send them, for head-office tests.

The wire format of ``kiosk.identity.service`` (``signed_registration``,
``presence``) and ``kiosk.privacy.service.sealed_request``, built by hand so
a test can also build the ones a thief would.
"""

import gzip
import json
import secrets
import uuid
from datetime import UTC, datetime

import httpx

from kiosk.identity.device import DeviceKeys
from kiosk.sync import sealing


class FakeCard:
    """A card as a kiosk would register it: an id and its two codes."""

    def __init__(self, customer_id):
        self.customer_id = customer_id
        self.card_id = secrets.token_hex(12)
        self.code = "PSK" + secrets.token_hex(20).upper()
        self.short = secrets.token_hex(7).upper()[:13]


def registration(public_key, device: DeviceKeys, card: FakeCard, kind="issued"):
    record = {"kind": kind, "card_id": card.card_id, "customer_id": card.customer_id}
    if kind == "issued":
        record["codes"] = [card.code, card.short]
    sealed = sealing.seal(public_key, json.dumps(record))
    return {"sealed": sealed, "signature": device.sign(sealed.encode()),
            "device_key": device.public_key}


def proof(public_key, customer_id, action, code=None, registration=None, **details):
    subject = {"customer_id": customer_id, "action": action, **details}
    if code is not None:
        subject.update(code=code, registration=registration)
    return sealing.seal(public_key, json.dumps(subject))


def post_events(hq, token, *events):
    """Upload events ``(kind, customer_id, payload)`` with ``token``, as a kiosk (or a thief
    holding its token) would; head office's answer."""
    batch = {"batch_id": str(uuid.uuid4()), "events": [
        {"uuid": str(uuid.uuid4()), "seq": 1000 + i, "kind": kind, "customer_id": customer,
         "payload": payload, "ts": datetime.now(UTC).isoformat()}
        for i, (kind, customer, payload) in enumerate(events)]}
    response = httpx.post(f"{hq.url}/v1/events", content=gzip.compress(json.dumps(batch).encode()),
                          headers={"Authorization": f"Bearer {token}",
                                   "Content-Encoding": "gzip",
                                   "Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    return response.json()
