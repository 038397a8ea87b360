"""What a kiosk showed a shopper reaches every device of the chain, with real processes:
head office (``kiosk hq serve`` over SQLite, and PostgreSQL with the ``postgres`` marker),
kiosks and a staff tablet of one store, each its own database driven by ``kiosk``.

A kiosk shows picks (``record_impressions``, as its screens do) in a process of its own;
``kiosk sync --once`` carries the impression to head office, which relays it as a ``shown``
change; the tablet's staff desk and the other kiosk's frequency cap then see it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from chain_devices import Chain, Device
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.hq.storage import open_storage

TILLS = Path(__file__).resolve().parents[1] / "assets" / "sample" / "transactions.csv.gz"

# A shopper in front of a kiosk: the shelves they see, recorded as shown (as the screens do)
SHOW = """
import json, sys
from kiosk.app import Kiosk
from kiosk.config import load_config
customer, session = sys.argv[1], sys.argv[2]
with Kiosk(load_config()) as kiosk:
    shelves = kiosk.recommendations.shelves(customer, session_id=session)
    picks = [pick for shelf in shelves for pick in shelf.picks]
    kiosk.recommendations.record_impressions(customer, session, picks)
    print(json.dumps([[pick.sku, pick.reason.code] for pick in picks]))
"""

# A member of staff on the tablet: signs in, opens the page and the "recently seen" filter
DESK = """
import json, sys
from kiosk.app import Kiosk
from kiosk.clienteling import StaffDesk
from kiosk.config import load_config
from kiosk.staff import StaffAccounts
customer = sys.argv[1]
with Kiosk(load_config()) as kiosk:
    StaffAccounts(kiosk.db).add("Sam", "4821", "manager")
    session = StaffDesk(kiosk).sign_in("4821").session
    seen = [row.customer_id for row in session.search("", filter="recently_seen")]
    try:
        shown = session.page(customer)["shown"]
    except (PermissionError, LookupError) as refused:
        shown = type(refused).__name__
    print(json.dumps({"recently_seen": seen, "shown": shown}))
"""


def run(device: Device, script: str, *args: str) -> Any:
    done = subprocess.run([sys.executable, "-c", script, *args], env=device.env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{device.name}:\n{done.stdout}\n{done.stderr}"
    return json.loads(done.stdout)


def show(device: Device, customer: str) -> list[list[str]]:
    """[sku, reason code] of every pick a new session at ``device`` showed the shopper."""
    return run(device, SHOW, customer, str(uuid.uuid4()))


def desk(device: Device, customer: str) -> dict[str, Any]:
    return run(device, DESK, customer)


def preview(device: Device, customer: str) -> set[str]:
    """The skus ``kiosk recommend`` would show the shopper now (nothing is recorded)."""
    shelves = json.loads(device.cli("recommend", customer, "--json").stdout)["shelves"]
    return {pick["sku"] for shelf in shelves for pick in shelf["picks"]}


def shown_changes(chain: Chain) -> list[tuple[str, str]]:
    """(customer, data) of every ``shown`` change in head office's feed."""
    storage = open_storage(chain.database)
    try:
        return storage.query("SELECT customer_id, data FROM changes WHERE kind = 'shown' "
                             "ORDER BY id")
    finally:
        storage.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def chain(request: pytest.FixtureRequest, tmp_path: Path):
    database = (str(tmp_path / "hq.db") if request.param == "sqlite"
                else request.getfixturevalue("pg_url"))
    built = Chain(tmp_path, database)
    built.hq_cli("import", str(TILLS), "--store", "store-1")
    built.hq_cli("train", "--quiet")  # the recommenders' models, for every device
    yield built
    built.stop()


def test_what_a_kiosk_showed_reaches_the_tablet_with_reasons(chain: Chain):
    kiosk = chain.add("kiosk-a", "store-1")
    tablet = chain.add("tablet-t", "store-1", role="tablet")
    chloe = kiosk.act("enrol", "Chloé", "personalisation", "staff_profile")["customer_id"]
    kiosk.sync()
    tablet.sync()
    before = desk(tablet, chloe)
    assert before == {"recently_seen": [], "shown": []}

    picks = show(kiosk, chloe)
    assert picks
    kiosk.sync()
    tablet.sync()

    after = desk(tablet, chloe)
    assert after["recently_seen"] == [chloe]
    shown = after["shown"]
    assert sorted([s["sku"], s["reason"]["code"]] for s in shown) == sorted(picks)
    for item in shown:
        assert item["reason"]["params"] == {}
        assert item["reason"]["text"] and item["reason"]["text"][-1] != " "
        assert item["at"][:4].isdigit() and item["name"]
    # the kiosk that showed them holds each once (its own rows, not the relayed copy)
    assert len(desk(kiosk, chloe)["shown"]) == len(picks)
    changes = shown_changes(chain)
    assert [c for c, _ in changes] == [chloe]
    data = json.loads(changes[0][1])
    assert data["store"] == "store-1" and len(data["items"]) == len(picks)
    # applying the feed again (a second sync) adds nothing
    tablet.sync()
    assert len(desk(tablet, chloe)["shown"]) == len(picks)


def test_a_shopper_whose_record_does_not_allow_it_is_never_relayed(chain: Chain):
    kiosk = chain.add("kiosk-a", "store-1")
    tablet = chain.add("tablet-t", "store-1", role="tablet")
    # her grant stays on the kiosk (staff took it without her card: head office refuses it),
    # so the kiosk shows her personal picks but her record at head office allows nothing
    noe = kiosk.act("enrol", "Noé")["customer_id"]
    for purpose in ("personalisation", "staff_profile"):
        kiosk.cli("privacy", "consent", noe, purpose, "--grant", "--source", "staff",
                  "--by", "Sam")
    kiosk.sync()
    assert show(kiosk, noe)
    kiosk.sync()
    tablet.sync()
    assert shown_changes(chain) == []
    with_consent = chain.customer(noe)["consents"]
    assert not any(with_consent.values())


def test_an_erased_shopper_is_not_relayed_and_what_was_relayed_goes(chain: Chain):
    kiosk = chain.add("kiosk-a", "store-1")
    tablet = chain.add("tablet-t", "store-1", role="tablet")
    eve = kiosk.act("enrol", "Eve", "personalisation", "staff_profile")["customer_id"]
    kiosk.sync()
    show(kiosk, eve)
    kiosk.sync()
    tablet.sync()
    assert desk(tablet, eve)["shown"]
    assert [c for c, _ in shown_changes(chain)] == [eve]

    chain.hq_cli("erase", eve)
    show(kiosk, eve)  # shown again before the kiosk heard of the erasure
    kiosk.sync()
    tablet.sync()
    assert shown_changes(chain) == []
    assert tablet.show(eve) is None
    assert desk(tablet, eve)["recently_seen"] == []


def test_a_pick_shown_again_and_again_at_one_kiosk_rests_at_the_others(chain: Chain):
    kiosk = chain.add("kiosk-a", "store-1")
    other = chain.add("kiosk-b", "store-1")
    chloe = kiosk.act("enrol", "Chloé", "personalisation", "staff_profile")["customer_id"]
    kiosk.sync()
    other.sync()
    seen_there = preview(other, chloe)
    counts: dict[str, int] = {}
    for _ in range(3):  # the frequency cap: 3 shows in 14 days without interest
        for sku, _code in show(kiosk, chloe):
            counts[sku] = counts.get(sku, 0) + 1
    resting = {sku for sku, shows in counts.items() if shows >= 3}
    assert resting & seen_there, "the other kiosk would have shown some of them"
    kiosk.sync()
    other.sync()
    assert not resting & preview(other, chloe)
