"""A store built once from the full Online Retail data for the staff tablet's tests, and
copied for each test (``staff_store``): demo first names and consents, stock in this store,
trained models, an associate (Sam) and a manager (Morgan). About 30 s.

Skipped when ../shared/data/online_retail.csv.gz is not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ONLINE_RETAIL, build_once

from kiosk.app import Kiosk
from kiosk.config import Config

ASSOCIATE = ("Sam", "482916")
MANAGER = ("Morgan", "135790")
FIRST_NAMES = ("Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Grace", "Hugo", "Inès",
               "Jonas", "Kemi", "Léa", "Marco", "Nora", "Omar", "Priya")
#: customers who share their profile with staff (the richest ones, so pages are full)
CONSENTING = 240
#: customers who said no to staff (never in the client book)
REFUSING = 20


@dataclass(frozen=True)
class StaffStore:
    path: Path
    consenting: tuple[str, ...]       # customer ids, richest first
    refusing: tuple[str, ...]
    names: dict[str, str]             # customer id -> first name


def settings(path: Path, **values: Any) -> Config:
    return Config(database=str(path), store_id="store-1", store_name="Harbour Street Gifts",
                  kiosk_id="tablet-1", **values)


def build(folder: Path) -> StaffStore:
    from kiosk.demo import generate_stock
    from kiosk.importer import import_file
    from kiosk.staff import StaffAccounts
    from kiosk.store import customers, purchases

    path = folder / "staff-template.db"
    kiosk = Kiosk(settings(path), entrypoints=False)
    try:
        import_file(kiosk, ONLINE_RETAIL)
        generate_stock(kiosk)
        best = purchases.best_customers(kiosk.db, CONSENTING + REFUSING)
        consenting, refusing = best[:CONSENTING], best[CONSENTING:]
        names = {}
        with kiosk.transaction() as db:
            for i, customer_id in enumerate(consenting):
                names[customer_id] = FIRST_NAMES[i % len(FIRST_NAMES)]
                customers.set_first_name(db, customer_id, names[customer_id])
        for customer_id in consenting:
            kiosk.privacy.set_consents(customer_id, {"personalisation": True,
                                                     "staff_profile": True}, source="demo")
        for customer_id in refusing:
            kiosk.privacy.set_consents(customer_id, {"personalisation": True,
                                                     "staff_profile": False}, source="demo")
        kiosk.recommendations.train()    # the recommenders' picks on the curate screen
        accounts = StaffAccounts(kiosk.db)
        accounts.add(*ASSOCIATE, role="associate")
        accounts.add(*MANAGER, role="manager")
        kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        kiosk.close()
    return StaffStore(path, tuple(consenting), tuple(refusing), names)


@pytest.fixture(scope="session")
def staff_template(tmp_path_factory) -> StaffStore:
    """Built once per test run (``build_once``: one build for every xdist worker)."""
    if not ONLINE_RETAIL.exists():
        pytest.skip("../shared/data/online_retail.csv.gz is not here")

    def make(folder: Path) -> dict[str, Any]:
        store = build(folder)
        return {"path": str(store.path), "consenting": list(store.consenting),
                "refusing": list(store.refusing), "names": store.names}

    _, made = build_once(tmp_path_factory, "staff_store", make)
    return StaffStore(Path(made["path"]), tuple(made["consenting"]), tuple(made["refusing"]),
                      dict(made["names"]))


@pytest.fixture
def staff_store(staff_template: StaffStore, tmp_path: Path) -> StaffStore:
    """A fresh copy of the template for one test."""
    from kiosk.store.files import copy_database

    target = tmp_path / "tablet.db"
    copy_database(staff_template.path, target)
    return StaffStore(target, staff_template.consenting, staff_template.refusing,
                      staff_template.names)


def open_tablet(store: StaffStore, **values: Any) -> Kiosk:
    from kiosk.plugins import make_plugin_manager

    return Kiosk(settings(store.path, **values), pm=make_plugin_manager(entrypoints=False))
