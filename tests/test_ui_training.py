"""Training in the app: a new store's models are trained off the GUI thread, with a
progress line on the attract screen; scans meanwhile get the store's picks at once."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading

import pytest
from test_ui_support import open_kiosk, settle, wedge_scan

from kiosk import hookimpl
from kiosk.ui.app import create_window

pytest_plugins = ["test_ui_support"]

STORE_REASONS = {"popular_here", "trending", "seasonal"}
LINE = re.compile(r"^Getting personal picks ready… (\d+)%$")


@pytest.fixture
def untrained(store_db):
    """The demo store without any trained models (a new store)."""
    db, shopper = store_db
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("DELETE FROM model_artefacts")
    connection.close()
    return db, shopper


def stored_versions(kiosk) -> int:
    return kiosk.db.execute(
        "SELECT count(*) FROM model_artefacts WHERE name = '_blend'").fetchone()[0]


class Gate:
    """A recommender whose fit waits until the test lets it go (the events live outside
    the instance: the trainer deep-copies and pickles recommenders)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def recommender(self):
        entered, release = self.entered, self.release

        class Gated:
            name = "gate"
            personal = True

            def fit(self, snapshot):
                entered.set()
                release.wait(120)
                return {}

            def recommend(self, context, k):
                return []

        return Gated()


def plugin_of(recommender):
    class Plugin:
        name = "test_gate"

        @hookimpl
        def kiosk_register_recommenders(self, kiosk):
            return [recommender]

    return Plugin()


def open_window(qtbot, kiosk):
    window = create_window(kiosk, windowed=True, language="en")
    qtbot.addWidget(window)
    window.resize(1280, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def finish(qtbot, window, kiosk) -> None:
    window.training.stop(120000)
    qtbot.wait(10)
    settle(qtbot, window)
    window.close()
    kiosk.close()


def test_new_store_trains_with_progress_then_hides_the_line(qtbot, untrained):
    db, shopper = untrained
    kiosk = open_kiosk(db)
    assert stored_versions(kiosk) == 0
    seen: list[tuple[str, bool, str]] = []
    window = create_window(kiosk, windowed=True, language="en")
    try:
        line = window.attract.training_label
        window.training.progress.connect(
            lambda fraction, message: seen.append(
                (line.text(), line.isVisibleTo(window), line.accessibleName())))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.training.ready, timeout=180000) as ready:
            pass
        assert ready.args == [True]          # trained now, not loaded
        percents = [int(LINE.match(text).group(1)) for text, _, _ in seen]
        assert all(visible and name == text for text, visible, name in seen)
        assert percents == sorted(set(percents)) and len(percents) >= 3, percents
        assert percents[0] == 0 and percents[-1] == 100
        assert line.isHidden() and not line.text()
        assert stored_versions(kiosk) == 1
        # personal picks now, not the store's
        wedge_scan(qtbot, window, shopper.code)
        settle(qtbot, window)
        assert window.current() == "picks" and window.picks.cards()
        assert not window.session.picks.fallback
        assert window.picks.greeting.text() == "Hi Anna"
    finally:
        finish(qtbot, window, kiosk)


def test_the_line_speaks_french(qtbot, untrained):
    db, _ = untrained
    gate = Gate()
    kiosk = open_kiosk(db, extra=(plugin_of(gate.recommender()),))
    window = open_window(qtbot, kiosk)
    try:
        qtbot.waitUntil(gate.entered.is_set, timeout=60000)
        qtbot.waitUntil(window.attract.training_label.isVisible, timeout=10000)
        window.set_language("fr")
        qtbot.waitUntil(lambda: window.attract.training_label.text().startswith(
            "Préparation de vos suggestions personnelles"), timeout=5000)
        assert window.attract.training_label.accessibleName() == \
            window.attract.training_label.text()
    finally:
        window.set_language("en")
        gate.release.set()
        finish(qtbot, window, kiosk)


def test_a_scan_during_training_gets_the_store_picks_at_once(qtbot, untrained):
    db, shopper = untrained
    gate = Gate()
    kiosk = open_kiosk(db, extra=(plugin_of(gate.recommender()),))
    window = open_window(qtbot, kiosk)
    try:
        qtbot.waitUntil(gate.entered.is_set, timeout=60000)   # training is stuck in a fit
        qtbot.waitUntil(window.attract.training_label.isVisible, timeout=10000)
        assert LINE.match(window.attract.training_label.text())
        wedge_scan(qtbot, window, shopper.code)
        # the picks come while the training is still stuck (it would never end otherwise)
        qtbot.waitUntil(lambda: window.current() == "picks" and bool(window.picks.cards()),
                        timeout=30000)
        settle(qtbot, window)                 # the scans' worker only, not the training
        assert window.training.busy and not gate.release.is_set()
        assert window.current() == "picks"
        cards = window.picks.cards()
        assert cards
        assert {card.pick.reason.code for card in cards} <= STORE_REASONS
        assert window.session.picks.fallback
        assert window.banner.isVisible()
        assert "not ready yet" in window.banner.text()
        # a guest meanwhile gets the same store picks, without the apology
        window.picks.done_button.click()
        settle(qtbot, window)
        window.attract.browse_button.click()
        settle(qtbot, window)
        assert window.current() == "picks" and window.picks.cards()
        assert not window.session.picks.fallback
        window.picks.done_button.click()
        settle(qtbot, window)

        gate.release.set()
        qtbot.waitUntil(lambda: not window.training.busy, timeout=180000)
        assert window.attract.training_label.isHidden()
        assert stored_versions(kiosk) == 1
    finally:
        gate.release.set()
        finish(qtbot, window, kiosk)


def test_a_failed_training_leaves_the_kiosk_working(qtbot, untrained, monkeypatch, caplog):
    db, shopper = untrained
    kiosk = open_kiosk(db)

    def broken(progress=None):
        progress(0.1, "fitting")
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(kiosk.recommendations, "train", broken)
    caplog.set_level(logging.INFO)
    window = create_window(kiosk, windowed=True, language="en")
    try:
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.training.failed, timeout=60000) as failed:
            window.show()
            qtbot.waitExposed(window)
        assert failed.args == ["RuntimeError"]
        qtbot.wait(10)
        assert window.attract.training_label.isHidden()
        assert not window.training.busy
        assert stored_versions(kiosk) == 0
        wedge_scan(qtbot, window, shopper.code)
        settle(qtbot, window)
        assert window.current() == "picks" and window.picks.cards()
        assert window.session.picks.fallback
        assert {card.pick.reason.code for card in window.picks.cards()} <= STORE_REASONS
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert "model training failed (RuntimeError)" in logged
        assert shopper.customer_id not in logged and "Anna" not in logged
    finally:
        finish(qtbot, window, kiosk)


def test_an_empty_store_does_not_train(qtbot, config):
    """Nothing to learn from yet: no empty models are stored, so the first start after an
    import trains; the attract screen works with no line."""
    from kiosk.app import Kiosk

    kiosk = Kiosk(config, entrypoints=False)
    window = create_window(kiosk, windowed=True, language="en")
    try:
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.training.ready, timeout=60000) as ready:
            window.show()
        assert ready.args == [False]
        settle(qtbot, window)
        assert window.attract.training_label.isHidden()
        assert stored_versions(kiosk) == 0
        window.attract.browse_button.click()
        settle(qtbot, window)
        assert window.current() == "picks"
    finally:
        finish(qtbot, window, kiosk)


def test_service_without_models_answers_from_the_store_and_never_trains(untrained):
    """The service side (no Qt): what a scan gets while the app trains elsewhere."""
    from kiosk.recommend.service import ModelsNotReady

    db, shopper = untrained
    kiosk = open_kiosk(db)
    try:
        service = kiosk.recommendations
        service.train_in_background()
        assert not service.load()
        shelves = service.shelves(None, session_id="guest")
        picks = [p for shelf in shelves for p in shelf.picks]
        assert picks and {p.reason.code for p in picks} <= STORE_REASONS
        assert all(p.name and p.stock_quantity for p in picks)
        with pytest.raises(ModelsNotReady):
            service.shelves(shopper.customer_id, session_id="personal")
        assert stored_versions(kiosk) == 0          # nothing was trained on this thread
    finally:
        kiosk.close()
