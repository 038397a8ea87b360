"""Cards registered before head office's migration 0002_chain_cards reach every device.

A head office of commit 20e37cb (``tests/data/hq_20e37cb``, made by that code)
registered its cards without publishing ``card`` changes. Upgraded, it
publishes one for each such card (migration ``0005_card_changes``), so a
device that syncs once verifies them offline: a card issued at a kiosk of
store s1 verifies at a new kiosk of store s2, a card revoked then is refused.
On SQLite and PostgreSQL, with real processes.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from chain_devices import Chain, Device
from hqserver import pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.hq import registry
from kiosk.hq.storage import keys, migrations, open_storage
from kiosk.identity import base32, token

DATA = Path(__file__).parent / "data" / "hq_20e37cb"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
FIRST_FOUR = migrations.MIGRATIONS[:4]  # up to 0004_till_purchases


def run_sql(url: str, statements: list[str], params: list[list[Any]] | None = None) -> None:
    params = params or [[] for _ in statements]
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for statement, values in zip(statements, params, strict=True):
                if values:
                    conn.execute(statement.replace("?", "%s"), values)
                else:  # a dumped statement: its literals may hold % and ?
                    conn.execute(statement)
        return
    conn = sqlite3.connect(url)
    try:
        with conn:
            for statement, values in zip(statements, params, strict=True):
                conn.execute(statement, values)
    finally:
        conn.close()


def query(url: str, sql: str) -> list[tuple]:
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(sql).fetchall()
    conn = sqlite3.connect(url)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(params=BACKENDS)
def old_head_office(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The 20e37cb head office's database (no hq_migrations), on each backend."""
    if request.param == "sqlite":
        database = str(tmp_path / "hq.db")
        conn = sqlite3.connect(database)
        try:
            conn.executescript((DATA / "sqlite.sql").read_text())
        finally:
            conn.close()
        shutil.copyfile(DATA / "hq.key", tmp_path / "hq.db.key")
        return database
    url = request.getfixturevalue("pg_url")  # KIOSK_HQ_KEY_FILE: tmp_path / "hq-pg.key"
    run_sql(url, [s for s in (DATA / "postgresql.sql").read_text().split(";\n") if s.strip()])
    shutil.copyfile(DATA / "hq.key", tmp_path / "hq-pg.key")
    return url


def register_as_20e37cb(database: str, card: dict[str, str], customer_id: str, *,
                        revoked: bool = False) -> None:
    """Put a card in the old registry as 20e37cb's ``registry._issue`` did: keyed digests
    of its two codes (the key derived from head office's private key), no card change."""
    key = registry.digest_key(keys.read(DATA / "hq.key").private_key)
    card_id = token.parse_long(card["code"]).card_id.hex()
    run_sql(database, ["INSERT INTO hq_cards (card_id, customer_id, kiosk, long_digest, "
                       "short_digest, registered, revoked) VALUES (?, ?, ?, ?, ?, ?, ?)"],
            [[card_id, customer_id, "k1", registry.code_digest(key, card["code"]),
              registry.code_digest(key, base32.normalise(card["short_code"])),
              "2026-12-03T10:30:00+00:00",
              "2026-12-03T10:31:00+00:00" if revoked else None]])


def test_an_upgraded_head_office_sends_old_cards_and_a_device_verifies_them(
        old_head_office, tmp_path):
    # a kiosk of store s1 issued two cards while head office was 20e37cb
    issuer = Device(tmp_path, "till-a", "s1", "http://127.0.0.1:9", "unused")
    ada = issuer.act("enrol", "Ada", "personalisation")
    bob = issuer.act("enrol", "Bob", "personalisation")
    register_as_20e37cb(old_head_office, ada, ada["customer_id"])
    register_as_20e37cb(old_head_office, bob, bob["customer_id"], revoked=True)

    chain = Chain(tmp_path, old_head_office)  # the new head office: migrates, then serves
    try:
        reader = chain.add("till-b", "s2")
        synced = reader.sync()
        assert synced["ok"], synced
    finally:
        chain.stop()
    # head office is gone: the device answers from what the one sync brought
    assert reader.verify(ada["code"]) == 0
    assert reader.verify(ada["short_code"]) == 0
    assert reader.verify(bob["code"]) == 4  # revoked before the upgrade: refused
    assert reader.verify(bob["short_code"]) == 4
    held = query(str(reader.database), "SELECT card_id, customer_id, status FROM "
                                       "identity_chain_cards ORDER BY customer_id")
    assert sorted(held) == sorted([
        ("card-c2", "c-2", "active"),  # 20e37cb's own fixture card
        (token.parse_long(ada["code"]).card_id.hex(), ada["customer_id"], "active"),
        (token.parse_long(bob["code"]).card_id.hex(), bob["customer_id"], "revoked")])
    feed = query(old_head_office, "SELECT kind, store_id, key FROM changes WHERE kind = 'card' "
                                  "ORDER BY id")
    assert [(kind, store) for kind, store, _ in feed] == [("card", None)] * 3
    assert query(old_head_office, "SELECT name FROM hq_migrations WHERE name = "
                                  "'0005_card_changes'") == [("0005_card_changes",)]


def test_only_cards_without_a_change_get_one(old_head_office, monkeypatch):
    # head office upgraded to 0004 first (0002 published changes for new cards from then on)
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", FIRST_FOUR)
        storage = open_storage(old_head_office)
        try:
            kiosk = storage.authenticate(json.loads((DATA / "expected.json").read_text())
                                         ["tokens"]["k2"])
            with storage._tx(write=True) as cur:  # a card registered after 0002
                storage._run(cur, "INSERT INTO hq_cards (card_id, customer_id, kiosk, "
                                  "long_digest, short_digest, registered) "
                                  "VALUES (?, ?, ?, ?, ?, ?)",
                             ["card-new", "c-3", kiosk.name, "a" * 64, "b" * 64,
                              "2026-12-04T09:00:00+00:00"])
                storage._add_changes(cur, registry.card_changes(storage, cur,
                                                                card_id="card-new"))
        finally:
            storage.close()
    before = query(old_head_office, "SELECT count(*) FROM changes WHERE kind = 'card'")
    assert before == [(1,)]
    storage = open_storage(old_head_office)
    try:
        assert storage.migrated == ("0005_card_changes", "0006_help_requests")
        rows = storage.query("SELECT customer_id, store_id, data, key FROM changes "
                             "WHERE kind = 'card' ORDER BY id")
    finally:
        storage.close()
    assert [(r[0], r[1], r[3]) for r in rows] == [("c-3", None, "card-new"),
                                                  ("c-2", None, "card-c2")]
    assert json.loads(rows[1][2]) == {
        "card_id": "card-c2", "status": "active", "store_id": "s1",
        "long_digest": "1b40a6d8a18b827dff392b5a059032b53d8a4d706aceab048bd02ae09d0b6497",
        "short_digest": "dce2864bdcfa025eddc906425fdc0534b90a1a4df7efda5526ba58df385a3773"}
    again = open_storage(old_head_office)  # applied once: a second start adds nothing
    try:
        assert again.migrated == ()
        assert again.query("SELECT count(*) FROM changes WHERE kind = 'card'") == [(2,)]
    finally:
        again.close()
