"""The staff desk's contracts across the chain, with real processes: head office serving,
a kiosk and a staff tablet of one store, each its own database driven by ``kiosk``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from chain_devices import Chain, Device

TILLS = Path(__file__).resolve().parents[1] / "assets" / "sample" / "transactions.csv.gz"


@pytest.fixture
def chain(tmp_path: Path):
    built = Chain(tmp_path, str(tmp_path / "hq.db"))
    yield built
    built.stop()


def a_product(device: Device) -> str:
    """A sku of the device's catalogue (read once its processes have exited)."""
    with sqlite3.connect(device.database) as db:
        return db.execute("SELECT sku FROM products ORDER BY sku LIMIT 1 OFFSET 7").fetchone()[0]


def recommend(device: Device, customer_id: str) -> list[dict]:
    return json.loads(device.cli("recommend", customer_id, "--json").stdout)["shelves"]


def test_a_pick_made_on_the_tablet_shows_at_the_kiosk_after_one_sync_each(chain: Chain):
    chain.hq_cli("import", str(TILLS), "--store", "store-1")
    kiosk = chain.add("kiosk-a", "store-1")
    tablet = chain.add("tablet-b", "store-1", role="tablet")
    for device in (kiosk, tablet):
        device.sync()
    shopper = kiosk.act("enrol", "Chloé", "personalisation", "staff_profile")
    customer = shopper["customer_id"]
    kiosk.sync()
    tablet.sync()
    sku = a_product(tablet)
    assert not any(s["key"] == "staff_pick" for s in recommend(kiosk, customer))

    tablet.cli("staff", "pick", customer, sku, "--by", "Sam", "--note",
               "For your daughter's party")
    tablet.sync()
    kiosk.sync()

    shelves = recommend(kiosk, customer)
    assert shelves[0]["key"] == "staff_pick", shelves
    assert shelves[0]["picks"] == [{"sku": sku, "reason": {
        "code": "staff_pick", "text": "Picked for you by Sam: For your daughter's party"}}]
    assert chain.customer(customer)["fields"][f"staff_pick:{sku}"]["by"] == "staff"

    # withdrawn on the tablet -> gone at the kiosk
    tablet.cli("staff", "pick", customer, sku, "--by", "Sam", "--remove")
    tablet.sync()
    kiosk.sync()
    assert not any(s["key"] == "staff_pick" for s in recommend(kiosk, customer))


def test_consents_taken_by_staff_withdrawal_always_counts_a_grant_needs_the_card(chain: Chain):
    chain.hq_cli("import", str(TILLS), "--store", "store-1")
    kiosk = chain.add("kiosk-a", "store-1")
    tablet = chain.add("tablet-b", "store-1", role="tablet")
    elsewhere = chain.add("tablet-z", "store-2", role="tablet")
    shopper = kiosk.act("enrol", "Chloé", "personalisation", "staff_profile")
    customer, short = shopper["customer_id"], shopper["short_code"]
    for device in (kiosk, tablet, elsewhere):
        device.sync()

    def consent(device: Device, answer: str, *card: str) -> None:
        device.cli("privacy", "consent", customer, "staff_profile", f"--{answer}",
                   "--source", "staff", "--by", "Sam", *card)
        device.sync()
        kiosk.sync()

    # a tablet of another store cannot even withdraw for this store's shopper
    consent(elsewhere, "withdraw")
    assert kiosk.act("consented", customer, "staff_profile") is True
    # the store's tablet withdraws without the card: it counts everywhere
    consent(tablet, "withdraw")
    assert kiosk.act("consented", customer, "staff_profile") is False
    assert chain.customer(customer)["consents"]["staff_profile"] is False
    # a grant without the card stays on the tablet only (head office refuses it)
    consent(tablet, "grant")
    assert kiosk.act("consented", customer, "staff_profile") is False
    stats = json.loads(chain.hq_cli("stats", "--json").stdout)
    assert "profile_edits_refused" in json.dumps(stats)
    # with the shopper's card scanned, it does
    consent(tablet, "grant", "--card", short)
    assert kiosk.act("consented", customer, "staff_profile") is True
    with sqlite3.connect(tablet.database) as db:
        audited = db.execute("SELECT staff, action, customer_id, device FROM staff_audit "
                             "ORDER BY id").fetchall()
    assert audited == [("Sam", f"consent:staff_profile:{a}", customer, "tablet-b")
                       for a in ("withdraw", "grant", "grant")]


def test_bad_input_is_named_and_refused(chain: Chain):
    kiosk = chain.add("kiosk-a", "store-1")
    shopper = kiosk.act("enrol", "Chloé", "personalisation")
    customer = shopper["customer_id"]
    cases = [
        (("privacy", "consent", customer, "nonsense", "--grant", "--by", "Sam"), "PURPOSE"),
        (("privacy", "consent", customer, "staff_profile", "--by", "Sam"), "--grant"),
        (("privacy", "consent", "nobody", "staff_profile", "--grant", "--by", "Sam"),
         "No customer"),
        (("staff", "pick", customer, "X", "--by", "Sam"), "staff_profile"),
        (("privacy", "consent", customer, "staff_profile", "--grant", "--by", " "), "--by"),
    ]
    for args, named in cases:
        done = kiosk.cli(*args, check=False)
        assert done.returncode != 0 and named in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr and customer not in done.stderr


def test_a_staff_view_on_the_tablet_reaches_my_data_at_the_kiosk(chain: Chain):
    kiosk = chain.add("kiosk-a", "store-1")
    tablet = chain.add("tablet-b", "store-1", role="tablet")
    shopper = kiosk.act("enrol", "Chloé", "personalisation", "staff_profile")
    customer = shopper["customer_id"]
    kiosk.sync()
    tablet.sync()
    page = json.loads(tablet.cli("staff", "show", customer, "--by", "Sam").stdout)
    assert page["customer"]["first_name"] == "Chloé"
    tablet.sync()
    kiosk.sync()
    views = kiosk.show(customer)["staff_views"]
    assert [(v["staff"], v["store"]) for v in views] == [("Sam", "store-1")]
    assert views[0]["at"][:4].isdigit()
    audit = chain.customer(customer)["audit"]
    assert [(a["by"], a["details"]["store"]) for a in audit
            if a["action"] == "staff_viewed"] == [("Sam", "store-1")]
    # withdrawn: no staff screen shows her any more, and nothing is audited
    kiosk.act("consent", customer, "staff_profile", "no", shopper["short_code"])
    # the tablet learns of the withdrawal on its next sync
    kiosk.sync()
    tablet.sync()
    denied = tablet.cli("staff", "show", customer, "--by", "Sam", check=False)
    assert denied.returncode == 1 and "staff_profile" in denied.stderr
