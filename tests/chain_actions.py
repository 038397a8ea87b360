"""What a shopper or staff member does at a device, run as a process of its own.

``python tests/chain_actions.py ACTION ARGS...`` with ``KIOSK_CONFIG`` naming the
device's config; prints a JSON answer. Used by tests/chain_devices.py.
"""

from __future__ import annotations

import json
import sys

from kiosk.app import Kiosk
from kiosk.config import load_config


def main(action: str, *args: str) -> object:
    """``args``: the action's arguments; for an edit, the last one is the card the shopper
    scanned (the session's proof of presence), as at the kiosk's screens."""
    with Kiosk(load_config()) as kiosk:
        if action == "enrol":
            first_name, *purposes = args
            enrolment = kiosk.privacy.enrol(first_name, {p: True for p in purposes})
            return {"customer_id": enrolment.customer_id, "code": enrolment.code,
                    "short_code": enrolment.short_code}
        if action == "consented":
            return kiosk.privacy.consented(args[0], args[1])
        if action == "identify":
            found = kiosk.identity.identify(args[0])
            return {"status": found.status, "customer_id": found.customer_id,
                    "first_name": found.first_name}
        kiosk.privacy.present(args[0], args[-1])
        if action == "set-preference":
            kiosk.privacy.set_preference(args[0], args[1], args[2], source="shopper")
        elif action == "consent":
            kiosk.privacy.set_consent(args[0], args[1], args[2] == "yes", source="kiosk")
        elif action == "pause":
            kiosk.privacy.pause_personalisation(args[0], args[1] == "on")
        elif action == "rename":
            kiosk.privacy.set_first_name(args[0], args[1])
        elif action == "erase":
            return kiosk.privacy.erase(args[0], origin="shopper", card_code=args[1])
        else:
            raise SystemExit(f"unknown action {action!r}")
        return kiosk.privacy.what_we_know(args[0])


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:]), default=str))
