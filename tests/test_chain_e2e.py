"""One chain, three devices in two stores, head office in its own process (SQLite and
PostgreSQL), every device a real ``kiosk`` process over real HTTP.

kiosk-a (store-1), tablet-b (store-1), kiosk-c (store-2):
enrol at A -> recognised at C; preference set at C -> seen at A; revoke at B ->
refused at A; two offline edits resolve as the rule says; B offline for a simulated
week catches up; erase at C -> gone at A, B and head office (their files searched).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chain_devices import Chain

pytestmark = pytest.mark.timeout(900)

VERIFY_OK, VERIFY_REVOKED, VERIFY_UNKNOWN = 0, 4, 3


def files_holding(text: str, *paths: Path) -> list[str]:
    """Which of the files (and their -wal/-shm) hold ``text`` (UTF-8)."""
    needle = text.encode()
    found = []
    for path in paths:
        for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if candidate.exists() and needle in candidate.read_bytes():
                found.append(candidate.name)
    return found


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def chain(request: pytest.FixtureRequest, tmp_path: Path):
    database = (str(tmp_path / "hq.db") if request.param == "sqlite"
                else request.getfixturevalue("pg_url"))
    built = Chain(tmp_path, database)
    yield built
    built.stop()


def test_a_shopper_moves_through_the_chain(chain: Chain):
    a = chain.add("kiosk-a", "store-1")
    b = chain.add("tablet-b", "store-1", role="tablet")
    c = chain.add("kiosk-c", "store-2")
    for device in (a, b, c):  # each device knows head office before the shopper comes
        device.sync()

    # enrol at A -> recognised at C, after one sync of each
    shopper = a.act("enrol", "Chloé", "personalisation", "staff_profile")
    customer = shopper["customer_id"]
    a.sync()
    c.sync()
    b.sync()
    assert c.verify(shopper["code"]) == VERIFY_OK
    assert c.verify(shopper["short_code"]) == VERIFY_OK
    seen = c.act("identify", shopper["short_code"])
    assert (seen["status"], seen["customer_id"], seen["first_name"]) == ("ok", customer, "Chloé")

    # preference set at C -> seen at A
    c.act("set-preference", customer, "colour", "blue")
    c.sync()
    a.sync()
    prefs = {(p["key"], p["value"]) for p in a.show(customer)["preferences"]}
    assert ("colour", "blue") in prefs

    # two offline edits: a withdrawal at A and a concurrent grant at C -> withdrawn everywhere;
    # a rename at both -> the later one everywhere
    a.act("consent", customer, "staff_profile", "no")
    c.act("consent", customer, "staff_profile", "yes")
    a.act("rename", customer, "Chloe")
    c.act("rename", customer, "Chloë")
    c.sync()
    a.sync()
    c.sync()
    b.sync()
    for device in (a, b, c):
        known = device.show(customer)
        assert known["consents"]["staff_profile"]["granted"] is False, device.name
        assert known["customer"]["first_name"] == "Chloë", device.name
    record = chain.customer(customer)
    assert record["consents"]["staff_profile"] is False

    # revoke at B -> refused at A (and C)
    b.cli("cards", "revoke", customer)
    b.sync()
    a.sync()
    c.sync()
    assert a.verify(shopper["code"]) == VERIFY_REVOKED
    assert c.verify(shopper["short_code"]) == VERIFY_REVOKED

    # B offline for a simulated week: the others go on; B catches up in one sync
    new_card = a.cli("cards", "issue", customer, "--json")
    a.sync()
    week = a.cli("simulate", "--events", "3000", "--days", "7", "--json")
    a.sync()
    c.act("set-preference", customer, "size", "M")
    c.sync()
    caught_up = b.sync()
    assert caught_up["ok"] and caught_up["changes_applied"] > 0
    assert ("size", "M") in {(p["key"], p["value"]) for p in b.show(customer)["preferences"]}
    del new_card, week

    # erase at C -> gone at A, B and head office
    fresh = chain.devices["kiosk-a"].act("enrol", "Zoë", "personalisation")
    a.sync()
    c.sync()
    c.act("erase", fresh["customer_id"], fresh["short_code"])
    c.sync()
    a.sync()
    b.sync()
    for device in (a, b, c):
        assert device.show(fresh["customer_id"]) is None
        assert device.verify(fresh["code"]) == VERIFY_UNKNOWN
        assert files_holding(fresh["customer_id"], device.database) == []
    assert chain.erased(fresh["customer_id"])
