"""Staff desk benchmark: client search as you type and opening a customer page.

Builds a store from the full Online Retail data (``../shared/data/online_retail.csv.gz``,
relative to the repository's parent) and replicates its customers to ``CUSTOMERS``
consenting shoppers with first names (accents included): each replica is a new customer
with the lines of its original's last ``REPLICA_INVOICES`` invoices. Then, through a
signed-in ``StaffSession`` (so every call is gated and audited, as on a tablet):

- search typed letter by letter: each prefix of ``TYPED`` first names is one call;
  target p95 <= 50 ms;
- each filter, and a search after a consent changed (the index catches up first);
- opening a customer page (``session.page``) of the shoppers with the longest
  histories; target p95 <= 100 ms;
- the advisor's list.

Prints one JSON object.

    .venv/bin/python benchmarks/staff_bench.py
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kiosk.app import Kiosk
from kiosk.clienteling import FILTERS, StaffDesk
from kiosk.config import Config
from kiosk.importer import import_file
from kiosk.staff import StaffAccounts
from kiosk.store import clients

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.csv.gz"
CUSTOMERS = 100_000
REPLICA_INVOICES = 2
TYPED = 200
PAGES = 200
SEARCH_TARGET_MS = 50.0
PAGE_TARGET_MS = 100.0
NAMES = ("Anaïs", "Ana", "Anna", "Annette", "Benoît", "Ben", "Bérénice", "Camille", "Chloé",
         "Chris", "Céline", "Daniel", "Dominique", "Élodie", "Eloise", "Émile", "Fatima",
         "François", "Gaëlle", "George", "Hélène", "Hugo", "Inès", "Isaac", "Jérôme",
         "Joanna", "José", "Karim", "Léa", "Lucas", "Lucía", "Margaux", "Marie", "Mohammed",
         "Noémie", "Oliver", "Ömer", "Paul", "Raphaël", "Rosa", "Sam", "Søren", "Théo",
         "Thomas", "Ulrike", "Victor", "Wei", "Yasmine", "Zoé", "Zoë")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"calls": len(values), "p50_ms": round(statistics.median(values), 2),
            "p95_ms": round(percentile(values, 0.95), 2), "max_ms": round(max(values), 2)}


def timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return (time.perf_counter() - start) * 1000


def replicate(kiosk: Kiosk, total: int, rng: random.Random) -> int:
    """Name every customer, add replicas up to ``total``, all consenting to staff_profile."""
    db = kiosk.db
    originals = [r[0] for r in db.execute(
        "SELECT DISTINCT customer_id FROM purchases WHERE customer_id IS NOT NULL "
        "ORDER BY customer_id")]
    now = "2011-12-10T00:00:00+00:00"
    with kiosk.transaction():
        db.conn.executemany("UPDATE customers SET first_name = ? WHERE id = ?",
                            [(rng.choice(NAMES), c) for c in originals])
        replicas = []
        k = 0
        while len(originals) + len(replicas) < total:
            k += 1
            replicas += [(f"{c}-r{k}", c) for c in originals]
        replicas = replicas[:total - len(originals)]
        db.conn.executemany(
            "INSERT INTO customers (id, first_name, created, origin) VALUES (?, ?, ?, 'import')",
            [(rid, rng.choice(NAMES), now) for rid, _ in replicas])
        db.conn.executemany(
            "INSERT INTO purchases (invoice, customer_id, sku, quantity, price, ts, store_id) "
            "SELECT invoice || '-' || ?, ?, sku, quantity, price, ts, store_id FROM purchases "
            "WHERE customer_id = ? AND invoice IN (SELECT invoice FROM purchases "
            "WHERE customer_id = ? GROUP BY invoice ORDER BY max(ts) DESC LIMIT ?)",
            [(rid.rpartition("-")[2], rid, c, c, REPLICA_INVOICES) for rid, c in replicas])
        db.conn.executemany(
            "INSERT INTO consents (customer_id, purpose, granted, at, source) "
            "VALUES (?, 'staff_profile', 1, ?, 'staff')",
            [(c, now) for c in originals + [rid for rid, _ in replicas]])
    return len(originals) + len(replicas)


def main() -> int:
    if not DATA.exists():
        print(json.dumps({"skipped": f"no data file at {DATA}"}))
        return 0
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        config = Config(database=str(Path(folder) / "kiosk.db"), store_id="store-1",
                        store_name="Bench Store", kiosk_id="tablet-1")
        kiosk = Kiosk(config, entrypoints=False)
        start = time.perf_counter()
        import_file(kiosk, DATA, enrich=False)
        imported = time.perf_counter() - start
        start = time.perf_counter()
        customers = replicate(kiosk, CUSTOMERS, rng)
        replicated = time.perf_counter() - start
        start = time.perf_counter()
        with kiosk.transaction() as db:
            clients.refresh(db)
        built = time.perf_counter() - start
        StaffAccounts(kiosk.db).add("Sam", "4821", "manager")
        session = StaffDesk(kiosk).sign_in("4821").session

        typed = []
        for name in rng.choices(NAMES, k=TYPED):
            for end in range(1, len(name) + 1):
                typed.append(timed(session.search, name[:end]))
        everyone = [timed(session.search, "") for _ in range(50)]
        filters = {f: summary([timed(session.search, "", filter=f) for _ in range(20)])
                   for f in FILTERS}
        someone = session.search("zo")[0].customer_id
        after_change = []
        for answer in (False, True) * 10:
            kiosk.privacy.set_consent(someone, "staff_profile", answer, source="staff")
            after_change.append(timed(session.search, "z"))
        longest = [r[0] for r in kiosk.db.execute(
            "SELECT customer_id FROM purchases WHERE customer_id IS NOT NULL "
            "GROUP BY customer_id ORDER BY count(*) DESC LIMIT ?", [PAGES])]
        pages = [timed(session.page, c) for c in longest]
        advisor = [timed(session.advisor) for _ in range(5)]
        lines = kiosk.db.execute("SELECT count(*) FROM purchases").fetchone()[0]
        kiosk.close()

    search = summary(typed)
    page = summary(pages)
    print(json.dumps({
        "customers": customers, "consenting": customers, "purchase_lines": lines,
        "import_seconds": round(imported, 1), "replicate_seconds": round(replicated, 1),
        "index_build_seconds": round(built, 2),
        "search_typed": search, "search_target_p95_ms": SEARCH_TARGET_MS,
        "search_ok": search["p95_ms"] <= SEARCH_TARGET_MS,
        "search_everyone": summary(everyone),
        "search_filters": filters,
        "search_after_a_consent_change": summary(after_change),
        "page_open": page, "page_target_p95_ms": PAGE_TARGET_MS,
        "page_ok": page["p95_ms"] <= PAGE_TARGET_MS,
        "advisor": summary(advisor),
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
