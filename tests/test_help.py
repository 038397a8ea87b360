# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Help requests through a real head office (uvicorn on 127.0.0.1; SQLite and PostgreSQL):
what the kiosk tells the shopper is true, tablets list and take requests, bad input is
refused with the field named."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)
from pgserver import free_port

from kiosk.app import Kiosk
from kiosk.help import HelpDesk, TabletHelp, pending
from kiosk.help.client import HelpRefused
from kiosk.hq import help as hq_help


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def device(config, hq, tmp_path: Path, name: str, store: str = "store-1",
           role: str = "kiosk") -> Kiosk:
    token = hq.storage.add_kiosk(name, store_id=store, role=role)
    cfg = config.with_overrides(hq_url=hq.url, hq_token=token, kiosk_id=name, store_id=store,
                                database=str(tmp_path / f"{name}.db"))
    return Kiosk(cfg, entrypoints=False)


@pytest.fixture
def store(config, live_hq, tmp_path):
    kiosk = device(config, live_hq, tmp_path, "kiosk-a")
    tablet = device(config, live_hq, tmp_path, "tablet-a", role="tablet")
    yield kiosk, tablet
    kiosk.close()
    tablet.close()


def test_no_one_signed_in_sends_the_shopper_to_the_till(store):
    kiosk, _ = store
    status = HelpDesk(kiosk).ask()
    assert (status.state, status.reason) == ("ask_at_till", "no_staff")


def test_someone_signed_in_waiting_then_coming(store):
    kiosk, tablet = store
    assert TabletHelp(tablet).signed_in("Sam") is True
    desk = HelpDesk(kiosk)
    status = desk.ask()
    assert (status.state, status.reason) == ("waiting", None)
    assert [r["request_id"] for r in pending(tablet)] == [status.request_id]
    TabletHelp(tablet).take(status.request_id, "Sam")
    now = desk.check(status.request_id)
    assert (now.state, now.staff_name) == ("coming", "Sam")
    assert pending(tablet) == []


def test_nobody_takes_it_in_time(store):
    kiosk, tablet = store
    TabletHelp(tablet).signed_in("Sam")
    clock = Clock()
    desk = HelpDesk(kiosk, give_up_after=60, clock=clock)
    status = desk.ask()
    clock.now += 59
    assert desk.check(status.request_id).state == "waiting"
    clock.now += 1
    later = desk.check(status.request_id)
    assert (later.state, later.reason) == ("ask_at_till", "not_taken")


def test_staff_signing_out_while_waiting_is_told(store):
    kiosk, tablet = store
    TabletHelp(tablet).signed_in("Sam")
    desk = HelpDesk(kiosk)
    status = desk.ask()
    TabletHelp(tablet).signed_out()
    now = desk.check(status.request_id)
    assert (now.state, now.reason) == ("ask_at_till", "no_staff")


def test_head_office_out_of_reach(config, tmp_path):
    cfg = config.with_overrides(hq_url=f"http://127.0.0.1:{free_port()}", hq_token="t")
    with Kiosk(cfg, entrypoints=False) as kiosk:
        status = HelpDesk(kiosk).ask()
        assert (status.state, status.reason) == ("ask_at_till", "unreachable")
        # the request is still counted in the store's analytics
        kinds = [row[0] for row in kiosk.db.execute("SELECT kind FROM outbox").fetchall()]
        assert "help_requested" in kinds


def test_first_name_and_products_only_with_staff_profile_consent(store):
    kiosk, tablet = store
    TabletHelp(tablet).signed_in("Sam")
    consenting = kiosk.privacy.enrol("Ann", {"staff_profile": True}).customer_id
    other = kiosk.privacy.enrol("Bob", {"personalisation": True}).customer_id
    looked = [{"sku": "85123A", "name": "Heart T-light holder"}]
    HelpDesk(kiosk).ask(consenting, first_name="Ann", looking_at=looked)
    HelpDesk(kiosk).ask(other, first_name="Bob", looking_at=looked)
    waiting = pending(tablet)
    assert [(r["first_name"], r["looking_at"]) for r in waiting] == [
        ("Ann", looked), (None, [])]


def test_the_first_taker_wins_and_other_stores_cannot_see_or_take(config, live_hq, tmp_path,
                                                                    store):
    kiosk, tablet = store
    second = device(config, live_hq, tmp_path, "tablet-b", role="tablet")
    elsewhere = device(config, live_hq, tmp_path, "tablet-x", store="store-2", role="tablet")
    try:
        TabletHelp(tablet).signed_in("Sam")
        status = HelpDesk(kiosk).ask()
        assert pending(elsewhere) == []
        with pytest.raises(HelpRefused) as refused:
            TabletHelp(elsewhere).take(status.request_id, "Kim")
        assert refused.value.status == 404
        TabletHelp(tablet).take(status.request_id, "Sam")
        TabletHelp(tablet).take(status.request_id, "Sam")  # a retry after a lost answer
        with pytest.raises(HelpRefused) as late:
            TabletHelp(second).take(status.request_id, "Lee")
        assert late.value.status == 409 and "taken" in str(late.value)
    finally:
        second.close()
        elsewhere.close()


def test_long_poll_answers_when_a_request_arrives(store):
    import threading

    kiosk, tablet = store
    TabletHelp(tablet).signed_in("Sam")
    got: list = []
    poller = threading.Thread(target=lambda: got.extend(pending(tablet, wait=10)))
    poller.start()
    status = HelpDesk(kiosk).ask()
    poller.join(15)
    assert [r["request_id"] for r in got] == [status.request_id]


def test_a_stale_heartbeat_and_an_expired_request(live_hq):
    storage = live_hq.storage
    storage.add_kiosk("k", store_id="s")
    storage.add_kiosk("t", store_id="s", role="tablet")
    kiosk = storage.authenticate(storage.add_kiosk("k2", store_id="s"))
    tablet = storage.authenticate(storage.add_kiosk("t2", store_id="s", role="tablet"))
    asked = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    hq_help.heartbeat(storage, tablet, hq_help.PresenceIn(staff_name="Sam"), now=asked)
    body = hq_help.HelpIn(request_id=uuid.uuid4())
    assert hq_help.ask(storage, kiosk, body, now=asked).staff_signed_in is True
    later = asked + hq_help.PRESENCE_TTL + timedelta(seconds=1)
    assert hq_help.state(storage, kiosk, body.request_id, now=later).staff_signed_in is False
    gone = asked + hq_help.EXPIRES
    assert hq_help.state(storage, kiosk, body.request_id, now=gone).state == "expired"
    assert hq_help.pending(storage, tablet, now=gone).requests == []
    with pytest.raises(hq_help.HelpError, match="expired"):
        hq_help.take(storage, tablet, body.request_id, hq_help.TakeIn(staff_name="Sam"),
                     now=gone)


def test_bad_input_names_the_field_and_roles_are_kept(live_hq):
    storage = live_hq.storage
    kiosk_token = storage.add_kiosk("k", store_id="s")
    tablet_token = storage.add_kiosk("t", store_id="s", role="tablet")

    def call(method: str, path: str, token: str, **kwargs) -> httpx.Response:
        return httpx.request(method, live_hq.url + path, timeout=10,
                             headers={"Authorization": f"Bearer {token}"}, **kwargs)

    bad = call("POST", "/v1/help", kiosk_token, json={"request_id": "nope"})
    assert bad.status_code == 422 and "request_id" in bad.json()["detail"]
    secret = "Ann\x07Smith"
    bad = call("POST", "/v1/help", kiosk_token,
               json={"request_id": str(uuid.uuid4()), "first_name": secret})
    assert bad.status_code == 422 and "first_name" in bad.json()["detail"]
    assert "Smith" not in bad.text
    bad = call("POST", "/v1/help", kiosk_token,
               json={"request_id": str(uuid.uuid4()), "looking_at": [{"sku": ""}] * 6})
    assert bad.status_code == 422 and "looking_at" in bad.json()["detail"]
    bad = call("POST", "/v1/staff/presence", tablet_token, json={"staff_name": ""})
    assert bad.status_code == 422 and "staff_name" in bad.json()["detail"]
    assert call("GET", "/v1/staff/help", kiosk_token).status_code == 403
    assert call("POST", "/v1/staff/presence", kiosk_token,
                json={"staff_name": "Sam"}).status_code == 403
    assert call("GET", "/v1/staff/help", "wrong").status_code == 401
    assert call("GET", f"/v1/help/{uuid.uuid4()}", kiosk_token).status_code == 404
    assert call("GET", "/v1/staff/help?wait=999", tablet_token).status_code == 422
    asked = call("POST", "/v1/help", kiosk_token, json={"request_id": str(uuid.uuid4())})
    other = storage.add_kiosk("k-other", store_id="s")
    stolen = call("GET", f"/v1/help/{asked.json()['request_id']}", other)
    assert stolen.status_code == 409
