"""The kiosk's help screen tells the truth, through a real head office (uvicorn on 127.0.0.1)
and a real store: someone is signed in, someone took it, or ask at the till; en and fr."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hqserver import ThreadedHQ
from pgserver import free_port
from test_ui_support import open_kiosk, settle, wedge_scan

from kiosk.help import HelpClient, TabletHelp
from kiosk.hq.storage import open_storage
from kiosk.ui.app import create_window

pytest_plugins = ["test_ui_support"]

WAITING = {"en": "We've asked our staff; please wait here.",
           "fr": "Nous avons prévenu notre personnel ; merci de patienter ici."}
COMING = {"en": "Sam is coming.", "fr": "Sam arrive."}
TILL = {"en": "No one is free right now; please ask at the till.",
        "fr": "Personne n'est disponible pour le moment ; adressez-vous à la caisse, "
              "s'il vous plaît."}


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[ThreadedHQ]:
    storage = open_storage(str(tmp_path / "hq.db"))
    server = ThreadedHQ(storage).start()
    yield server
    server.stop()
    storage.close()


@pytest.fixture
def tablet(hq: ThreadedHQ) -> Iterator[TabletHelp]:
    client = HelpClient(hq.url, hq.storage.add_kiosk("tablet-1", store_id="store-1",
                                                     role="tablet"))
    yield TabletHelp(None, client=client)
    client.close()


def open_window(qtbot, store_db, language: str, hq_url: str, token: str):
    db, shopper = store_db
    kiosk = open_kiosk(db, hq_url=hq_url, hq_token=token)
    window = create_window(kiosk, windowed=True, language=language)
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    window.help.session.help_check_every_ms = 50
    wedge_scan(qtbot, window, shopper.code)
    settle(qtbot, window)
    return window, kiosk


def ask(qtbot, window) -> None:
    window.picks.help_button.click()
    window.help.ask_button.click()
    settle(qtbot, window)


@pytest.fixture
def close_after() -> Iterator[list]:
    opened: list = []
    yield opened
    for window, kiosk in opened:
        window.unlocked = True
        window.worker.wait()
        kiosk.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_waiting_then_coming_when_staff_take_it(qtbot, store_db, hq, tablet, close_after,
                                                language):
    token = hq.storage.add_kiosk("kiosk-ui", store_id="store-1")
    window, kiosk = open_window(qtbot, store_db, language, hq.url, token)
    close_after.append((window, kiosk))
    tablet.signed_in("Sam")
    ask(qtbot, window)
    assert window.help.text.text() == WAITING[language]
    assert not window.help.ask_button.isEnabled()
    (request,) = tablet.pending()
    tablet.take(request["request_id"], "Sam")
    qtbot.waitUntil(lambda: window.help.text.text() == COMING[language], timeout=10_000)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_one_signed_in_says_ask_at_the_till(qtbot, store_db, hq, close_after, language):
    token = hq.storage.add_kiosk("kiosk-ui", store_id="store-1")
    window, kiosk = open_window(qtbot, store_db, language, hq.url, token)
    close_after.append((window, kiosk))
    ask(qtbot, window)
    assert window.help.text.text() == TILL[language]


def test_nobody_takes_it_in_time(qtbot, store_db, hq, tablet, close_after):
    token = hq.storage.add_kiosk("kiosk-ui", store_id="store-1")
    window, kiosk = open_window(qtbot, store_db, "en", hq.url, token)
    close_after.append((window, kiosk))
    window.help.session.help_desk.give_up_after = 0.5
    tablet.signed_in("Sam")
    ask(qtbot, window)
    assert window.help.text.text() == WAITING["en"]
    qtbot.waitUntil(lambda: window.help.text.text() == TILL["en"], timeout=10_000)


def test_head_office_out_of_reach_says_ask_at_the_till(qtbot, store_db, close_after):
    window, kiosk = open_window(qtbot, store_db, "en", f"http://127.0.0.1:{free_port()}", "t")
    close_after.append((window, kiosk))
    ask(qtbot, window)
    assert window.help.text.text() == TILL["en"]
