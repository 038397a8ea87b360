# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""The kiosk seals for head office one way (``SyncService.hq_sealer``): erasure and
withdrawal requests, card registrations and ``seal_for_hq`` all use the key the config
gives, else the one the first sync fetched from a real head office."""

from __future__ import annotations

import json

from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)
from test_sync import connect, seed

from kiosk.sync import sealing


def opened(private: str, sealed: str | None) -> dict:
    assert sealed is not None
    return json.loads(sealing.open_sealed(private, sealed))


def stored_key(kiosk) -> str | None:
    row = kiosk.db.execute("SELECT value FROM meta WHERE key = 'hq_public_key'").fetchone()
    return row[0] if row else None


def test_the_first_sync_fetches_head_offices_key_and_everything_is_sealed_with_it(
        config, live_hq):
    kiosk = connect(config, live_hq)
    try:
        seed(kiosk)
        assert kiosk.sync.hq_sealer() is None and kiosk.sync.seal_for_hq("x") is None
        assert kiosk.privacy.sealed_request("c1", "erase") == (None, False)
        card = kiosk.identity.issue_card("c1")
        result = kiosk.sync.run_once()
        assert result["ok"] and stored_key(kiosk) == live_hq.storage.public_key
        assert (result["cards_registered"], result["cards_refused"]) == (1, 0)  # opened there
        private = live_hq.storage.keys.private_key
        sealed, proven = kiosk.privacy.sealed_request("c1", "erase", card.code)
        assert proven and opened(private, sealed)["customer_id"] == "c1"
        assert opened(private, kiosk.sync.seal_for_hq('{"a": 1}')) == {"a": 1}
    finally:
        kiosk.close()


def test_a_configured_key_is_the_one_every_sealed_text_uses(config, live_hq):
    private, public = sealing.generate_keypair()
    kiosk = connect(config.with_overrides(hq_public_key=public), live_hq)
    try:
        seed(kiosk)
        kiosk.identity.issue_card("c1")
        result = kiosk.sync.run_once()
        assert result["ok"] and stored_key(kiosk) is None  # nothing fetched
        # sealed for the configured key, which this head office does not hold
        assert (result["cards_registered"], result["cards_refused"]) == (0, 1)
        sealed, _ = kiosk.privacy.sealed_request("c1", "withdraw")
        assert opened(private, sealed) == {"customer_id": "c1", "action": "withdraw"}
        assert opened(private, kiosk.sync.seal_for_hq('{"a": 1}')) == {"a": 1}
    finally:
        kiosk.close()
