"""Card registrations and proofs of presence as kiosks send them, for head-office tests.

The wire format of ``kiosk.identity.service`` (``signed_registration``,
``presence``) and ``kiosk.privacy.service.sealed_request``, built by hand so
a test can also build the ones a thief would.
"""

import json
import secrets

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
