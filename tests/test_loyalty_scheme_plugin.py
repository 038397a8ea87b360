"""A store's own loyalty scheme, as a plugin: it issues the cards at enrolment and
recognises them at the scanner (hooks ``kiosk_issue_card`` and ``kiosk_identify``)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlite_utils.migrations import Migrations

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.plugins import make_plugin_manager

gift_migrations = Migrations("test.gift_scheme")


@gift_migrations(name="0001_cards")
def gift_cards(db):
    db.execute("CREATE TABLE gift_cards (number INTEGER PRIMARY KEY, "
               "customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE)")


class GiftScheme:
    """Numbered cards the store prints itself, kept in the plugin's own table."""

    name = "gift_scheme"

    def __init__(self, refuse: bool = False):
        self.refuse = refuse

    @hookimpl
    def kiosk_register_migrations(self):
        return [gift_migrations]

    @hookimpl
    def kiosk_issue_card(self, kiosk, customer_id):
        if self.refuse:
            raise RuntimeError("the card printer is out of cards")
        number = kiosk.db.execute("INSERT INTO gift_cards (customer_id) VALUES (?)",
                                  [customer_id]).lastrowid
        return SimpleNamespace(code=f"GIFT-{number:06d}", short_code=None)

    @hookimpl
    def kiosk_identify(self, kiosk, code):
        if not code.startswith("GIFT-"):
            return None
        row = kiosk.db.execute("SELECT customer_id FROM gift_cards WHERE number = ?",
                               [int(code[5:])]).fetchone()
        return kiosk.identity.identification_for(row[0] if row else None)


def kiosk_with(config, scheme: GiftScheme, disabled: tuple[str, ...] = ()) -> Kiosk:
    pm = make_plugin_manager(entrypoints=False, extra=[scheme], disabled=disabled)
    return Kiosk(config, pm=pm)


@pytest.mark.parametrize("builtin_scheme", ["kept", "disabled"])
def test_hook_kiosk_issue_card(config, builtin_scheme):
    disabled = ("loyalty_card",) if builtin_scheme == "disabled" else ()
    kiosk = kiosk_with(config, GiftScheme(), disabled)
    try:
        enrolment = kiosk.privacy.enrol("Zoé", {"personalisation": True})
        assert enrolment.code.startswith("GIFT-") and enrolment.short_code == ""
        assert kiosk.identity.cards_of(enrolment.customer_id) == []  # no built-in card
        result = kiosk.identity.identify(enrolment.code)
        assert (result.status, result.customer_id, result.scheme) == (
            "ok", enrolment.customer_id, "gift_scheme")
        assert kiosk.identity.identify("GIFT-999999").status == "unknown"
        # erasure sweeps the plugin's table too (it has a customer_id column)
        kiosk.privacy.erase(enrolment.customer_id, origin="staff")
        assert kiosk.db.execute("SELECT count(*) FROM gift_cards").fetchone()[0] == 0
    finally:
        kiosk.close()


def test_a_scheme_that_refuses_undoes_the_enrolment(config):
    kiosk = kiosk_with(config, GiftScheme(refuse=True))
    try:
        with pytest.raises(RuntimeError, match="out of cards"):
            kiosk.privacy.enrol("Zoé", {"personalisation": True})
        for table in ("customers", "consents", "outbox", "identity_cards"):
            assert kiosk.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    finally:
        kiosk.close()


def test_a_card_without_a_code_is_refused(config):
    class Broken(GiftScheme):
        name = "broken_scheme"

        @hookimpl
        def kiosk_issue_card(self, kiosk, customer_id):
            return SimpleNamespace(code="", short_code=None)

    kiosk = kiosk_with(config, Broken())
    try:
        with pytest.raises(TypeError, match="needs a 'code'"):
            kiosk.privacy.enrol("Zoé")
        assert kiosk.db.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
    finally:
        kiosk.close()
