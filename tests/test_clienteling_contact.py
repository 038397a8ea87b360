"""``kiosk_contact_customer``: staff contact a client through whatever channel a plugin adds,
isolated like every hook; and the example plugin (examples/kiosk-contact-plugin)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.clienteling import NoStaffConsent, StaffDesk
from kiosk.config import Config
from kiosk.plugins import make_plugin_manager
from kiosk.staff import StaffAccounts

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kiosk-contact-plugin"


class Sms:
    def __init__(self):
        self.sent = []

    @hookimpl
    def kiosk_contact_customer(self, kiosk, customer_id, first_name, message, staff):
        self.sent.append((customer_id, first_name, message, staff))
        return "sms"


class Broken:
    @hookimpl
    def kiosk_contact_customer(self, kiosk, customer_id, first_name, message, staff):
        raise RuntimeError(f"cannot reach {customer_id}")


class NoNumber:
    @hookimpl
    def kiosk_contact_customer(self, kiosk, customer_id, first_name, message, staff):
        return None


def open_kiosk(tmp_path: Path, *plugins, plugins_table=None) -> Kiosk:
    config = Config(database=str(tmp_path / "k.db"), store_id="store-1",
                    store_name="Test Store", kiosk_id="tablet-1",
                    plugins=plugins_table or {})
    pm = make_plugin_manager(entrypoints=False, extra=plugins)
    return Kiosk(config, pm=pm)


def signed_in(kiosk: Kiosk):
    StaffAccounts(kiosk.db).add("Sam", "4821")
    return StaffDesk(kiosk).sign_in("4821").session


def test_hook_kiosk_contact_customer(tmp_path, caplog):
    sms = Sms()
    kiosk = open_kiosk(tmp_path, Broken(), NoNumber(), sms)
    try:
        session = signed_in(kiosk)
        chloe = kiosk.privacy.enrol("Chloé", {"staff_profile": True}).customer_id
        bob = kiosk.privacy.enrol("Bob", {"staff_profile": False}).customer_id
        with caplog.at_level(logging.WARNING):
            assert session.contact(chloe, "  Your lamp is in  ") == ["sms"]
        assert sms.sent == [(chloe, "Chloé", "Your lamp is in", "Sam")]
        # the raising plugin was logged and skipped, without the shopper's id
        assert "Broken" in caplog.text or "RuntimeError" in caplog.text
        assert chloe not in caplog.text
        with pytest.raises(NoStaffConsent):
            session.contact(bob, "hello")
        assert len(sms.sent) == 1
        with pytest.raises(ValueError, match="message"):
            session.contact(chloe, " ")
        assert [r[0] for r in kiosk.db.execute(
            "SELECT action FROM staff_audit WHERE customer_id = ?", [chloe])] == ["contact"]
    finally:
        kiosk.close()


def test_without_a_channel_contact_is_at_the_next_visit(tmp_path):
    kiosk = open_kiosk(tmp_path, NoNumber())
    try:
        session = signed_in(kiosk)
        chloe = kiosk.privacy.enrol("Chloé", {"staff_profile": True}).customer_id
        assert session.contact(chloe, "See you soon") == []
    finally:
        kiosk.close()


@pytest.fixture
def example_plugin():
    sys.path.insert(0, str(EXAMPLE))
    import kiosk_contact_example

    yield kiosk_contact_example
    sys.path.remove(str(EXAMPLE))
    for name in [m for m in sys.modules if m.startswith("kiosk_contact_example")]:
        del sys.modules[name]


def test_the_example_plugin_writes_a_letter_for_clients_with_an_address(tmp_path,
                                                                      example_plugin):
    folder = tmp_path / "outgoing"
    folder.mkdir()
    kiosk = open_kiosk(tmp_path, example_plugin,
                       plugins_table={"contact_folder": {"folder": str(folder)}})
    try:
        session = signed_in(kiosk)
        chloe = kiosk.privacy.enrol("Chloé", {"staff_profile": True}).customer_id
        zoe = kiosk.privacy.enrol("Zoé", {"staff_profile": True}).customer_id
        (folder / "addresses.json").write_text(json.dumps({chloe: "chloe@example.org"}))
        assert session.contact(chloe, "Your lamp is in") == ["mail"]
        assert session.contact(zoe, "Your lamp is in") == []
        letters = [json.loads(p.read_text()) for p in folder.glob("*.json")
                   if p.name != "addresses.json"]
        assert letters == [{"to": "chloe@example.org", "greeting": "Dear Chloé",
                            "message": "Your lamp is in", "from": "Sam, Test Store"}]
    finally:
        kiosk.close()


def test_the_example_plugins_setting_is_checked(tmp_path, example_plugin):
    from kiosk.config import ConfigError

    with pytest.raises(ConfigError, match="folder"):
        open_kiosk(tmp_path, example_plugin, plugins_table={"contact_folder": {"folder": 3}})
