"""One chain, three devices in two stores, head office in its own process (SQLite and
PostgreSQL), every device a real ``kiosk`` process over real HTTP.

kiosk-a (store-1), tablet-b (store-1), kiosk-c (store-2):
enrol at A -> recognised at C; preference set at C -> seen at A; two offline edits resolve
as the rule says; revoke at B -> refused at A; B offline for a simulated week catches up;
erase at C -> gone at A, B and head office (their files searched).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from chain_devices import Chain, Device
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)

VERIFY_OK, VERIFY_UNKNOWN, VERIFY_REVOKED, VERIFY_FORGED = 0, 3, 4, 5
TILLS = Path(__file__).resolve().parents[1] / "assets" / "sample" / "transactions.csv.gz"


def traces(text: str, files: list[Path]) -> list[str]:
    """The files (a database and its -wal/-shm) that hold ``text``, in UTF-8."""
    needle = text.encode()
    found = []
    for path in files:
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if candidate.exists() and needle in candidate.read_bytes():
                found.append(candidate.name)
    return found


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def chain(request: pytest.FixtureRequest, tmp_path: Path):
    database = (str(tmp_path / "hq.db") if request.param == "sqlite"
                else request.getfixturevalue("pg_url"))
    built = Chain(tmp_path, database)
    built.backend = request.param
    yield built
    built.stop()


def head_office_files(chain: Chain) -> list[Path]:
    """Head office's database files, after a scrub (PostgreSQL leaves dead rows till then)."""
    if chain.backend == "sqlite":
        return [Path(chain.database)]
    import psycopg

    chain.hq_cli("scrub", "--json")
    with psycopg.connect(chain.database, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        (data,) = conn.execute("SHOW data_directory").fetchone()
        relations = [r[0] for r in conn.execute(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 't') "
            "AND pg_relation_filepath(c.oid) IS NOT NULL")]
    return [Path(data) / path for path in relations]


def prefs(device: Device, customer_id: str) -> set[tuple[str, str]]:
    return {(p["key"], p["value"]) for p in device.show(customer_id)["preferences"]}


def test_a_shopper_moves_through_the_chain(chain: Chain):
    chain.hq_cli("import", str(TILLS), "--store", "store-1")  # the tills: products, lines
    a = chain.add("kiosk-a", "store-1")
    b = chain.add("tablet-b", "store-1", role="tablet")
    c = chain.add("kiosk-c", "store-2")
    for device in (a, b, c):  # each device bootstraps from head office (the catalogue)
        device.sync()
    assert a.cli("store", "info", "--json").stdout.count('"products"') >= 1

    # enrol at A -> recognised at C (and B) after one sync of each
    shopper = a.act("enrol", "Chloé", "personalisation", "staff_profile")
    customer, code, short = shopper["customer_id"], shopper["code"], shopper["short_code"]
    a.sync()
    c.sync()
    b.sync()
    for device in (b, c):
        assert (device.verify(code), device.verify(short)) == (VERIFY_OK, VERIFY_OK), device.name
    seen = c.act("identify", short)
    assert (seen["status"], seen["customer_id"], seen["first_name"]) == ("ok", customer, "Chloé")

    # a preference set at C (the shopper scanned there) -> seen at A
    c.act("set-preference", customer, "colour", "blue", short)
    c.sync()
    a.sync()
    assert ("colour", "blue") in prefs(a, customer)

    # two offline edits of each kind: A withdraws staff_profile while C, not knowing,
    # answers yes again; both rename her, C later -> withdrawn and C's name everywhere
    a.act("consent", customer, "staff_profile", "no", code)
    c.act("consent", customer, "staff_profile", "yes", short)
    a.act("rename", customer, "Chloe", code)
    c.act("rename", customer, "Chloë", short)
    for device in (c, a, c, b):
        device.sync()
    for device in (a, b, c):
        known = device.show(customer)
        assert known["customer"]["first_name"] == "Chloë", device.name
        assert device.act("consented", customer, "staff_profile") is False, device.name
    record = chain.customer(customer)
    assert record["consents"]["staff_profile"] is False
    assert (record["customer"]["first_name"], record["fields"]["first_name"]["value"]) == (
        "Chloë", "Chloë")

    # revoke at B -> refused at A and C
    b.cli("cards", "revoke", customer)
    b.sync()
    a.sync()
    c.sync()
    assert (a.verify(code), a.verify(short)) == (VERIFY_REVOKED, VERIFY_REVOKED)
    assert c.verify(short) == VERIFY_REVOKED

    # B offline for a simulated week: A's shoppers' week of events, a new card and an
    # edit at C, then B's one sync brings it all
    fresh_card = json.loads(a.cli("cards", "issue", customer, "--json").stdout)
    a.cli("simulate", "--events", "3000", "--days", "7")
    a.sync()
    c.sync()  # she shows her new card at C
    c.act("set-preference", customer, "size", "M", fresh_card["short_code"])
    c.sync()
    caught_up = b.sync()
    assert caught_up["ok"] and caught_up["changes_applied"] >= 2, caught_up
    assert ("size", "M") in prefs(b, customer)
    assert b.verify(fresh_card["short_code"]) == VERIFY_OK
    stats = json.loads(chain.hq_cli("stats", "--json").stdout)
    assert stats["kiosks"]["kiosk-a"]["events"] >= 3000

    # erase at C (she scanned her new card there) -> gone at A, B and head office
    c.act("erase", customer, fresh_card["short_code"])
    c.sync()
    a.sync()
    b.sync()
    for device in (a, b, c):
        assert device.show(customer) is None, device.name
        # unknown where it was issued; elsewhere its signature matches no key the device
        # holds any more (the chain's copy went with her)
        expected = VERIFY_UNKNOWN if device is a else VERIFY_FORGED
        assert device.verify(fresh_card["code"]) == expected, device.name
        assert traces(customer, [device.database]) == [], device.name
    assert chain.customer(customer) is None
    assert traces(customer, head_office_files(chain)) == [], customer


def test_identify_at_a_device_that_never_synced_fetches_the_shopper(chain: Chain):
    """A card from another store scanned at a device that does not hold it yet: fetched
    from head office on scan; with head office down, a kind message and no join offer."""
    a = chain.add("kiosk-a", "store-1")
    c = chain.add("kiosk-c", "store-2")
    c.sync()  # C knows head office's keys, but nothing of A's shopper
    shopper = a.act("enrol", "Ana", "personalisation")
    a.sync()
    seen = c.act("identify", shopper["code"])
    assert (seen["status"], seen["first_name"]) == ("ok", "Ana")
    chain.hq.stop()
    stranger = a.act("enrol", "Bo", "personalisation")
    offline = c.act("identify", stranger["short_code"])
    assert offline["status"] == "unreachable"
    chain.hq.start()


def test_two_processes_sync_the_same_chain_at_once(chain: Chain):
    """Three devices syncing continuously while shoppers enrol at each: every card verifies
    everywhere once they are all up to date."""
    devices = [chain.add(f"kiosk-{i}", f"store-{1 + i % 2}") for i in range(3)]
    loops = [subprocess.Popen([sys.executable, "-m", "kiosk", "sync"], env=d.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for d in devices]
    try:
        cards = [d.act("enrol", f"Shopper{i}", "personalisation")
                 for i, d in enumerate(devices)]
    finally:
        for loop in loops:
            loop.terminate()
            loop.wait(30)
    for _ in range(2):
        for device in devices:
            device.sync()
    for device in devices:
        for card in cards:
            assert device.verify(card["short_code"]) == VERIFY_OK, device.name
