"""Staff messages to clients, each written as a JSON file for a relay to send.

``[plugins.contact_folder] folder = "..."``: the folder; its ``addresses.json``
maps customer ids to addresses (kept by you, not by the kiosk). A client with
no address is not contacted (``None``: "at their next visit").
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import msgspec

from kiosk import hookimpl
from kiosk.settings import SettingsSection

NAME = "contact_folder"
CHANNEL = "mail"


class ContactSettings(msgspec.Struct, kw_only=True, frozen=True):
    folder: str = ""


@hookimpl
def kiosk_register_settings() -> list[SettingsSection]:
    return [SettingsSection(NAME, ContactSettings, "folder of outgoing staff messages")]


@hookimpl
def kiosk_contact_customer(kiosk: Any, customer_id: str, first_name: str | None, message: str,
                           staff: str) -> str | None:
    folder = kiosk.config.plugin_settings(NAME, ContactSettings).folder
    if not folder:
        return None
    addresses_file = Path(folder) / "addresses.json"
    addresses = json.loads(addresses_file.read_text(encoding="utf-8")) \
        if addresses_file.exists() else {}
    address = addresses.get(customer_id)
    if not address:
        return None
    letter = {"to": address, "greeting": f"Dear {first_name}" if first_name else "Hello",
              "message": message, "from": f"{staff}, {kiosk.config.store_name}"}
    path = Path(folder) / f"{secrets.token_hex(8)}.json"
    path.write_text(json.dumps(letter), encoding="utf-8")
    return CHANNEL
