"""``[plugins.sync] profiles``: which shoppers' profiles a device keeps, with a real head office.

"chain" (the default): every member's profile on every device, so a card works
with its profile offline in every store. "store": only shoppers whose record
names this store, and those held here already; another store's shopper is
fetched when their card is scanned (online) and kept, and offline gets "We
can't reach your profile right now". The bootstrap of a new device follows the
same policy. Head office is ``kiosk hq serve`` in its own process; every device
action is a ``kiosk`` process of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chain_devices import Chain, Device

from kiosk.config import Config
from kiosk.config import ConfigError as SettingsRefused
from kiosk.sync.settings import SyncSettings


def with_profiles(device: Device, policy: str) -> Device:
    """The device's config with ``profiles = POLICY`` in its ``[plugins.sync]`` table."""
    text = device.config.read_text()
    assert text.rstrip().endswith("backoff_cap = 0.4")  # the table is the file's last
    device.config.write_text(text + f'profiles = "{policy}"\n')
    return device


def first_name(device: Device, customer_id: str) -> str | None:
    """The first name the device holds for the shopper; None if it holds no profile."""
    shown = device.show(customer_id)
    return None if shown is None else shown["customer"]["first_name"]


def test_store_keeps_its_own_shoppers_and_fetches_the_others_on_scan(tmp_path: Path):
    chain = Chain(tmp_path, str(tmp_path / "hq.db"))
    try:
        home = chain.add("till-s1", "s1")
        chain_wide = chain.add("till-s2-chain", "s2")
        own_only = with_profiles(chain.add("till-s2-store", "s2"), "store")
        for device in (home, chain_wide, own_only):  # each knows head office's key first
            device.sync()
        xavier = home.act("enrol", "Xavier", "personalisation")
        zoe = home.act("enrol", "Zoe", "personalisation")
        home.sync()  # cards registered, both records at head office (stores: s1)
        yvonne = chain_wide.act("enrol", "Yvonne", "personalisation")
        chain_wide.sync()  # Yvonne's record names s2 (her card was registered there)
        own_only.sync()
        chain_wide.sync()

        # chain: every member's profile; store: only the store's own shoppers
        assert first_name(chain_wide, xavier["customer_id"]) == "Xavier"
        assert first_name(chain_wide, zoe["customer_id"]) == "Zoe"
        assert first_name(own_only, yvonne["customer_id"]) == "Yvonne"
        assert first_name(own_only, xavier["customer_id"]) is None
        assert first_name(own_only, zoe["customer_id"]) is None
        assert own_only.verify(xavier["code"]) == 0  # cards are kept either way

        # Xavier's card scanned at the store-only kiosk: fetched from head office and kept
        found = own_only.act("identify", xavier["code"])
        assert (found["status"], found["first_name"]) == ("ok", "Xavier")
        assert first_name(own_only, xavier["customer_id"]) == "Xavier"
        # held here now, so his record's later changes are kept too
        home.act("set-preference", xavier["customer_id"], "colour", "blue")
        home.sync()
        own_only.sync()
        preferences = own_only.show(xavier["customer_id"])["preferences"]
        assert ("colour", "blue") in {(p["key"], p["value"]) for p in preferences}

        # new devices bootstrap by the same policy
        new_store = with_profiles(chain.add("tab-s2-store", "s2", role="tablet"), "store")
        new_chain = chain.add("tab-s2-chain", "s2", role="tablet")
        for device in (new_store, new_chain):
            done = device.cli("sync", "bootstrap", "--json")
            assert '"quarantined": 0' in done.stdout, done.stdout
        assert first_name(new_store, yvonne["customer_id"]) == "Yvonne"
        assert first_name(new_store, zoe["customer_id"]) is None
        assert first_name(new_chain, zoe["customer_id"]) == "Zoe"
        assert first_name(new_chain, yvonne["customer_id"]) == "Yvonne"
    finally:
        chain.stop()

    # head office unreachable: a card works with its profile only where the profile is kept
    offline = own_only.act("identify", zoe["code"])
    assert (offline["status"], offline["customer_id"]) == ("unreachable", None)
    everywhere = chain_wide.act("identify", zoe["code"])
    assert (everywhere["status"], everywhere["first_name"]) == ("ok", "Zoe")
    mine = own_only.act("identify", yvonne["code"])
    assert (mine["status"], mine["first_name"]) == ("ok", "Yvonne")


def test_profiles_setting_is_checked_like_the_other_sync_settings(tmp_path: Path):
    assert SyncSettings().profiles == "chain"
    assert Config(plugins={"sync": {"profiles": "store"}}).plugin_settings(
        "sync", SyncSettings).profiles == "store"
    with pytest.raises(SettingsRefused, match=r"\[plugins.sync\] profiles must be one of "
                                              r"chain, store"):
        Config(plugins={"sync": {"profiles": "region"}}).plugin_settings("sync", SyncSettings)
    device = with_profiles(Device(tmp_path, "till-1", "s1", "http://127.0.0.1:9", "t"),
                           "everyone")
    refused = device.cli("sync", "status", check=False)
    assert refused.returncode != 0
    assert "[plugins.sync] profiles must be one of chain, store" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not device.database.exists()  # refused before anything was opened
