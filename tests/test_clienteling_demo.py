"""The demo store gives the staff tablet something to show: a note, an assigned client, a
saved item back in stock and a lapsing client; building it again changes nothing."""

from __future__ import annotations

from kiosk.clienteling import StaffDesk
from kiosk.demo import DEMO_NOTE, DEMO_STAFF, build_demo_store


def test_demo_clients_fill_the_staff_screens(kiosk):
    summary = build_demo_store(kiosk)
    session = StaffDesk(kiosk).sign_in(DEMO_STAFF[1]).session
    assert (session.name, session.role) == (DEMO_STAFF[0], "manager")
    clients = summary["clients"]
    noted = session.page(clients["noted"])
    assert [n["text"] for n in noted["notes"]] == [DEMO_NOTE]
    assert [r.customer_id for r in session.search("", mine=True)] == [
        clients["assigned"]["customer_id"]]
    today = session.advisor()
    assert [(b["client"].customer_id, b["sku"]) for b in today["back_in_stock"]] == [
        (clients["saved_in_stock"]["customer_id"], clients["saved_in_stock"]["sku"])]
    assert today["back_in_stock"][0]["stock"] > 0
    assert today["lapsing"], "the sample's history makes a demo shopper lapsing"
    again = build_demo_store(kiosk)
    assert again["clients"] == clients
    assert len(session.page(clients["noted"])["notes"]) == 1
