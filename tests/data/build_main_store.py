"""How ``tests/data/main-20e37cb.db`` was made: a small kiosk store written by the code at
commit 20e37cb (before the data layer moved into ``kiosk/store/``), every table filled.

``tests/test_store_upgrade.py`` opens a copy with today's code and checks that no
migration runs again and that every row is still there. The file must stay as that
commit wrote it; this script only documents it. To make it again, run it with that
commit's code first on the path (its ``plugins/`` also importable as ``kiosk_plugins``)::

    git archive 20e37cb | tar -x -C /tmp/main && cd /tmp/main && ln -s plugins kiosk_plugins \
        && ln -s assets kiosk_assets
    PYTHONPATH=/tmp/main .venv/bin/python tests/data/build_main_store.py tests/data

It writes ``main-20e37cb.db.gz`` (the database, gzipped: 20 KB instead of 330 KB), its
key file ``main-20e37cb.db.keys`` (a key made for this fixture only) and
``main-20e37cb.json`` (the card codes issued, to scan again).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

NAME = "main-20e37cb"
FIRST = "2011-01-03"

# A tiny neutral transactions file: six customers (one anonymous basket), ten products
# over two months, one return.
SKUS = [("22386", "JUMBO BAG PINK POLKADOT", 1.95),
        ("85099C", "JUMBO BAG BAROQUE BLACK WHITE", 1.95),
        ("21931", "JUMBO STORAGE BAG SUKI", 2.08), ("22423", "REGENCY CAKESTAND 3 TIER", 12.75),
        ("47566", "PARTY BUNTING", 4.95), ("84879", "ASSORTED COLOUR BIRD ORNAMENT", 1.69),
        ("22720", "SET OF 3 CAKE TINS PANTRY DESIGN", 4.95),
        ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.95),
        ("22197", "SMALL POPCORN HOLDER", 0.85), ("23203", "JUMBO BAG VINTAGE DOILY", 2.08)]
CUSTOMERS = ["14688", "17850", "12583", "13047", "15311", "16029"]


def transactions() -> str:
    lines = ["invoice,customer_id,sku,description,quantity,unit_price,ts,country"]
    invoice = 536000
    for day in range(0, 56, 4):
        for c, customer in enumerate(CUSTOMERS):
            if (day + c) % 3:
                continue
            invoice += 1
            for k in range(3):
                sku, name, price = SKUS[(day // 4 + c + 2 * k) % len(SKUS)]
                lines.append(f"{invoice},{customer},{sku},{name},{1 + k},{price},"
                             f"2011-{1 + day // 31:02d}-{1 + day % 28:02d}T10:{c:02d}:00,"
                             "United Kingdom")
    lines.append("536999,,22197,SMALL POPCORN HOLDER,6,0.85,2011-02-20T12:00:00,France")
    lines.append("C537000,17850,22423,REGENCY CAKESTAND 3 TIER,-1,12.75,2011-02-21T12:00:00,"
                 "United Kingdom")
    return "\n".join(lines) + "\n"


def build(folder: Path) -> None:
    from kiosk.sync.outbox import bump_counter

    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.demo import generate_stock
    from kiosk.importer import import_file
    from kiosk.staff import StaffAccounts
    from kiosk.sync import download, upload
    from kiosk.sync.apply import apply_model, store_hq_erasure_key
    from kiosk.sync.transport import RejectedError

    path = folder / f"{NAME}.db"
    for leftover in folder.glob(f"{NAME}.db*"):
        leftover.unlink()
    csv = folder / "fixture-transactions.csv"
    csv.write_text(transactions(), encoding="utf-8")
    config = Config(database=str(path), store_id="store-1", store_name="Fixture Store",
                    kiosk_id="kiosk-fixture")
    kiosk = Kiosk(config, entrypoints=False)
    try:
        import_file(kiosk, csv)
        generate_stock(kiosk)
        privacy, identity = kiosk.privacy, kiosk.identity
        yes = {"personalisation": True, "staff_profile": True, "hq_offers": False}
        for customer in CUSTOMERS[:4]:
            privacy.set_consents(customer, yes, "kiosk")
        privacy.set_preference("14688", "theme", "garden")
        privacy.set_preference("14688", "colour", "pink", source="staff")
        privacy.pause_personalisation("12583")
        purchase = kiosk.db.execute("SELECT min(id) FROM purchases WHERE customer_id = '17850'"
                                    ).fetchone()[0]
        privacy.exclude_purchase("17850", purchase)
        codes = {"14688": identity.issue_card("14688").code}
        identity.issue_card("17850")
        identity.revoke("17850", reason="lost")
        identity.rotate_key()
        codes["17850"] = identity.issue_card("17850").code
        enrolment = privacy.enrol("Zoé", {"personalisation": True})
        codes[enrolment.customer_id] = enrolment.code
        identity.identify("PSK-not-a-code")  # a failed scan: counted for the rate limit
        kiosk.recommendations.train()
        shelves = kiosk.recommendations.shelves("14688", session_id="s1")
        picks = [pick for shelf in shelves for pick in shelf.picks][:3]
        kiosk.recommendations.record_impressions("14688", "s1", picks)
        kiosk.recommendations.record_feedback("14688", "s1", picks[0].sku, "save")
        kiosk.recommendations.record_feedback(None, "s2", picks[-1].sku, "not_for_me")
        kiosk.recommendations.add_staff_pick("14688", "22423", "Sam", "for the party")
        StaffAccounts(kiosk.db).add("Manager", "2468")
        privacy.erase("16029", origin="staff")
        with kiosk.transaction() as db:
            store_hq_erasure_key(db, "ab" * 32)
            bump_counter(db, "dropped", 2)
            download._set_cursor(kiosk, 41)
            download._quarantine(kiosk, {"id": 40, "kind": "product"}, "a change is missing "
                                 "'sku'", download.new_result())
            apply_model(kiosk, {"data": {"name": "look-book", "version": "7",
                                         "content": "aGVsbG8=", "season": "spring"}})
        batch = upload.next_batch(kiosk.db, size=5)
        upload.quarantine(kiosk.db, batch, RejectedError("bad batch", status=422))
        upload.next_batch(kiosk.db, size=5)  # recorded, in flight
        kiosk.sync._set_state(last_attempt="2011-03-01T00:00:00+00:00", failures=1)
        kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        kiosk.db.execute("VACUUM")
    finally:
        kiosk.close()
    csv.unlink()
    with gzip.open(folder / f"{NAME}.db.gz", "wb", compresslevel=9) as packed:
        packed.write(path.read_bytes())  # no connection is open any more
    path.unlink()
    (folder / f"{NAME}.json").write_text(json.dumps({"codes": codes}, indent=2) + "\n",
                                         encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent))
