"""Every built-in plugin can be disabled: the kiosk still starts and serves a guest.

The tables every service needs are core (``kiosk.store``), so disabling a
plugin removes what it adds (a loyalty scheme, recommenders, commands, the
HTTP sync) and nothing else: no table goes missing, no service breaks. Each
built-in in ``plugins/`` is disabled in turn.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.identity.service import NoLoyaltyScheme
from kiosk.importer import import_file
from kiosk.plugins import builtin_module_names
from kiosk.staff import StaffAccounts
from kiosk.store import outbox
from kiosk.store.migrations import table_owners

BUILTINS = builtin_module_names()
# The built-ins whose recommenders serve guests (popular, trending, seasonal).
GUEST_RECOMMENDERS = "recommend_popular"
SKUS = [f"SKU{n:03d}" for n in range(24)]
CUSTOMERS = [f"C{n:03d}" for n in range(12)]


def small_store_file(path: Path) -> Path:
    """Two months of baskets: 12 customers, 24 products, some anonymous sales."""
    lines = ["invoice,customer_id,sku,description,quantity,unit_price,ts,country"]
    invoice = 1000
    for day in range(60):
        for c, customer in enumerate([*CUSTOMERS, ""]):
            if (day + 3 * c) % 5:
                continue
            invoice += 1
            for k in range(3):
                n = (day * 7 + c * 5 + k * 3) % len(SKUS)
                lines.append(f"{invoice},{customer},{SKUS[n]},GARDEN MUG NUMBER {n},"
                             f"{1 + k},{2.5 + n},2011-{1 + day // 30:02d}-{1 + day % 28:02d}"
                             f"T10:{c:02d}:00,United Kingdom")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    return small_store_file(tmp_path_factory.mktemp("disabled") / "transactions.csv")


def kiosk_without(tmp_path: Path, disabled: str, **settings) -> Kiosk:
    config = Config(database=str(tmp_path / "kiosk.db"), store_id="store-1",
                    store_name="Test Store", kiosk_id="kiosk-test",
                    disabled_plugins=[disabled], **settings)
    return Kiosk(config, entrypoints=False)


def test_every_builtin_is_covered():
    assert len(BUILTINS) >= 15 and {"loyalty_card", "privacy", "sync_http", "kiosk_ui",
                                    "recommend_popular", "shelves"} <= set(BUILTINS)


@pytest.mark.parametrize("disabled", BUILTINS)
def test_a_kiosk_without_the_plugin_starts_and_serves_a_guest(tmp_path, store_file, disabled):
    kiosk = kiosk_without(tmp_path, disabled)
    try:
        assert kiosk.pm.get_plugin(disabled) is None
        assert set(table_owners()) <= set(kiosk.db.table_names())  # every core table
        import_file(kiosk, store_file)
        kiosk.recommendations.train_in_background()  # as the kiosk window does
        shelves = kiosk.recommendations.shelves(None, session_id="guest")
        picks = [pick for shelf in shelves for pick in shelf.picks]
        if disabled == GUEST_RECOMMENDERS:
            assert shelves == []  # no recommender for guests: an honest empty answer
        else:
            assert picks and all(pick.sku in SKUS for pick in picks)
        kiosk.recommendations.record_feedback(None, "guest", SKUS[0], "save")
        assert outbox.queue_depth(kiosk.db) == 1  # events are still recorded for the sync

        # the privacy service is core: consent, the shopper's data, erasure
        kiosk.privacy.set_consents(CUSTOMERS[0], {"personalisation": True}, "kiosk")
        assert kiosk.privacy.consented(CUSTOMERS[0], "personalisation")
        assert kiosk.privacy.what_we_know(CUSTOMERS[0])["purchases"]
        assert kiosk.privacy.erase(CUSTOMERS[1], origin="staff")["found"]
        assert kiosk.privacy.was_erased(CUSTOMERS[1])
        assert StaffAccounts(kiosk.db).names() == []  # staff tables are core too
    finally:
        kiosk.close()


@pytest.mark.parametrize("disabled", BUILTINS)
def test_enrolment_and_scans_with_or_without_a_loyalty_scheme(tmp_path, disabled):
    kiosk = kiosk_without(tmp_path, disabled)
    try:
        if disabled == "loyalty_card":
            before = outbox.count(kiosk.db)
            with pytest.raises(NoLoyaltyScheme, match=r"needs a loyalty scheme.*loyalty_card"):
                kiosk.privacy.enrol("Zoé", {"personalisation": True})
            assert outbox.count(kiosk.db) == before  # nothing kept
            assert kiosk.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
            result = kiosk.identity.identify("PSK0400" + "7" * 36)
            assert (result.status, result.customer_id) == ("unknown", None)
        else:
            enrolment = kiosk.privacy.enrol("Zoé", {"personalisation": True})
            result = kiosk.identity.identify(enrolment.code)
            assert (result.status, result.first_name) == ("ok", "Zoé")
    finally:
        kiosk.close()


def test_without_the_http_sync_a_configured_head_office_is_not_reached(tmp_path):
    kiosk = kiosk_without(tmp_path, "sync_http", hq_url="http://127.0.0.1:9",
                          hq_token="t" * 32)
    try:
        kiosk.record_event("help_requested", {"screen": "picks"})
        result = kiosk.sync.run_once()
        assert not result["ok"] and "sync_http" in result["error"]
        assert result["queue_depth"] == 1  # the event waits, nothing is lost
    finally:
        kiosk.close()


@pytest.mark.parametrize("disabled", ["loyalty_card", "shelves", GUEST_RECOMMENDERS,
                                      "kiosk_ui", "privacy"])
def test_the_kiosk_window_opens_and_serves_a_guest(qtbot, tmp_path, store_file, disabled):
    from test_ui_support import settle

    from kiosk.ui.app import create_window

    kiosk = kiosk_without(tmp_path, disabled)
    try:
        import_file(kiosk, store_file)
        window = create_window(kiosk, windowed=True, language="en")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot, window)
        assert window.attract.join_button.isVisible() == (disabled != "loyalty_card")
        window.attract.browse_button.click()
        settle(qtbot, window)
        assert window.current() == "picks"
        assert bool(window.picks.cards()) == (disabled != GUEST_RECOMMENDERS)
        if disabled == "loyalty_card":  # had the Join button shown, it says why not
            window.join.enrol("Zoé", {"personalisation": True})
            qtbot.waitUntil(lambda: bool(window.join_screen.message.text()), timeout=10000)
            assert "not available at this kiosk" in window.join_screen.message.text()
        window.unlocked = True
        window.worker.wait()
    finally:
        kiosk.close()


def test_without_the_ui_plugin_kiosk_run_is_not_there(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'database = "{tmp_path / "kiosk.db"}"\n'
                      'disabled_plugins = ["kiosk_ui"]\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(config), "run",
                           "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "No such command 'run'" in done.stderr


@pytest.mark.parametrize("disabled", ["loyalty_card", "demo"])
def test_an_unknown_code_offers_joining_only_where_a_scheme_issues_cards(
        qtbot, tmp_path, store_file, disabled):
    from test_ui_support import settle, wedge_scan

    from kiosk.ui.app import create_window

    kiosk = kiosk_without(tmp_path, disabled)
    try:
        window = create_window(kiosk, windowed=True, language="en")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot, window)
        wedge_scan(qtbot, window, "T7JD-2DB6-G6E6-G")  # well formed, issued nowhere here
        qtbot.waitUntil(lambda: bool(window.attract.message.text()), timeout=10000)
        message = window.attract.message.text()
        assert "don't know this code" in message
        assert ("join" in message) == (disabled != "loyalty_card")
        window.unlocked = True
        window.worker.wait()
    finally:
        kiosk.close()
