"""The staff desk on a store built from the full Online Retail data (skipped without the file):
the client book's and the page's figures against the purchases themselves, and staff curation
(pick, pin, hide, pause) as ``kiosk recommend C --json`` shows the shopper's shelves.

Built once for the module (an import and one training, about half a minute)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ONLINE_RETAIL

from kiosk.app import Kiosk
from kiosk.clienteling import StaffDesk
from kiosk.config import Config
from kiosk.staff import StaffAccounts

pytestmark = pytest.mark.skipif(not ONLINE_RETAIL.exists(),
                                reason=f"the full data set is not at {ONLINE_RETAIL}")
NAMES = ("Élodie", "Eloise", "Ömer", "Chloé")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kiosk.importer import import_file

    path = tmp_path_factory.mktemp("full") / "kiosk.db"
    config = Config(database=str(path), store_id="store-1", store_name="Test Store",
                    kiosk_id="tablet-1")
    kiosk = Kiosk(config, entrypoints=False)
    import_file(kiosk, ONLINE_RETAIL)
    best = [r[0] for r in kiosk.db.execute(
        "SELECT customer_id FROM purchases WHERE customer_id IS NOT NULL GROUP BY customer_id "
        "ORDER BY count(DISTINCT invoice) DESC, customer_id LIMIT 4")]
    people = dict(zip(NAMES, best, strict=True))
    for name, customer_id in people.items():
        kiosk.privacy.set_first_name(customer_id, name, source="staff")
        kiosk.privacy.set_consents(customer_id, {"staff_profile": True,
                                                 "personalisation": True}, source="staff")
    StaffAccounts(kiosk.db).add("Sam", "4821", "manager")
    kiosk.recommendations.train()
    session = StaffDesk(kiosk).sign_in("4821").session
    yield kiosk, session, people
    kiosk.close()


def truth(kiosk, customer_id):
    """Visits (days with a purchase) and spend, straight from the purchases."""
    days, spend = kiosk.db.execute(
        "SELECT count(DISTINCT substr(ts, 1, 10)), round(sum(quantity * price), 2) "
        "FROM purchases WHERE customer_id = ?", [customer_id]).fetchone()
    return days, spend


def test_only_the_consenting_shoppers_of_thousands_are_in_the_book(store):
    kiosk, session, people = store
    assert kiosk.db.execute("SELECT count(*) FROM customers").fetchone()[0] > 4000
    rows = session.search("", limit=500)
    assert {r.customer_id for r in rows} == set(people.values())
    found = session.search("elo")
    assert {r.first_name for r in found} == {"Élodie", "Eloise"}
    assert [r.last_visit for r in found] == sorted((r.last_visit for r in found), reverse=True)
    assert [r.first_name for r in session.search("OME")] == ["Ömer"]
    for row in rows:
        visits, spend = truth(kiosk, row.customer_id)
        assert (row.visits, row.spend) == (visits, pytest.approx(spend, abs=0.01))


def test_the_page_matches_the_purchases(store):
    kiosk, session, people = store
    customer_id = people["Chloé"]
    page = session.page(customer_id)
    visits, spend = truth(kiosk, customer_id)
    assert (page["stats"]["visits"], page["stats"]["spend"]) == (visits,
                                                                 pytest.approx(spend, abs=0.01))
    invoices = kiosk.db.execute("SELECT count(DISTINCT invoice) FROM purchases "
                                "WHERE customer_id = ?", [customer_id]).fetchone()[0]
    assert len(page["timeline"]) == min(100, invoices)
    dates = [v["date"] for v in page["timeline"]]
    assert dates == sorted(dates, reverse=True)
    months = page["spend_by_month"]
    first, last = months[0]["month"], months[-1]["month"]
    in_window = kiosk.db.execute(
        "SELECT round(sum(quantity * price), 2) FROM purchases WHERE customer_id = ? "
        "AND substr(ts, 1, 7) BETWEEN ? AND ?", [customer_id, first, last]).fetchone()[0]
    assert sum(m["spend"] for m in months) == pytest.approx(in_window, abs=0.05)


def shelves(kiosk, customer_id):
    from kiosk.cli import cli

    result = CliRunner().invoke(cli, ["recommend", customer_id, "--db",
                                      str(kiosk.store.path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["shelves"]


def test_pick_pin_hide_and_pause_as_the_kiosk_shows_them(store):
    kiosk, session, people = store
    customer_id = people["Eloise"]
    before = shelves(kiosk, customer_id)
    shelf = next(s for s in before if len(s["picks"]) >= 2)
    hidden, pinned = shelf["picks"][0]["sku"], shelf["picks"][-1]["sku"]
    suggested = {s["sku"] for s in session.suggested(customer_id)}
    assert {hidden, pinned} <= suggested
    session.hide(customer_id, hidden)
    session.pin(customer_id, pinned)
    after = shelves(kiosk, customer_id)
    shown = [p["sku"] for s in after for p in s["picks"]]
    assert hidden not in shown
    again = next(s for s in after if pinned in [p["sku"] for p in s["picks"]])
    assert again["picks"][0]["sku"] == pinned
    flagged = {s["sku"]: s for s in session.suggested(customer_id)}
    assert flagged[hidden]["hidden"] is True and flagged[pinned]["pinned"] is True

    session.pick(customer_id, pinned, "For your daughter's party")
    picked = shelves(kiosk, customer_id)
    assert picked[0]["key"] == "staff_pick"
    assert picked[0]["picks"][0]["reason"]["text"] == (
        "Picked for you by Sam: For your daughter's party")
    kiosk.privacy.pause_personalisation(customer_id, True)
    paused = shelves(kiosk, customer_id)
    assert "staff_pick" not in [s["key"] for s in paused]
    assert hidden not in [p["sku"] for s in paused for p in s["picks"]]
    assert session.page(customer_id)["paused"] is True
