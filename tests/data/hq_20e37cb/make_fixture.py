"""Rebuild this folder: a head-office database made by the code of commit 20e37cb.

That head office predates versioned migrations (``CREATE TABLE IF NOT EXISTS``),
so ``tests/test_hq_migrations.py`` loads what it left and opens it with today's
code. Run from the repository root (needs the git history)::

    .venv/bin/python tests/data/hq_20e37cb/make_fixture.py

It runs the old code (``git archive 20e37cb kiosk``) in a subprocess, which
fills a SQLite head office through its own API, then writes:

- ``sqlite.sql``: that database as SQLite dumps it (its DDL and rows);
- ``postgresql.sql``: the DDL the old code runs on PostgreSQL and the same rows
  (a PostgreSQL head office of 20e37cb has the same tables and rows, except
  the ``erasures_to_scrub`` counter, which only it keeps);
- ``hq.key``: the old head office's key file (test keys, nothing else uses them);
- ``expected.json``: what the old code answered for that data (tokens, stats,
  the change feed per store, retractions, the report), for the test to compare.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

COMMIT = "20e37cb"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent

OLD_HEAD_OFFICE = r"""
import json, sys
from kiosk.hq import report
from kiosk.hq.storage import ChangeIn, open_storage
from kiosk.hq.storage.schema import statements
from kiosk.identity.device import DeviceKeys
from kiosk.sync import sealing

storage = open_storage(sys.argv[1])
tokens = {name: storage.add_kiosk(name, store_id=store)
          for name, store in (("k1", "s1"), ("k2", "s2"))}
tokens["ops"] = storage.add_kiosk("ops", store_id="-", role="operator")
k1, k2 = storage.authenticate(tokens["k1"]), storage.authenticate(tokens["k2"])


def event(seq, customer, kind="scan", session="s-1", sku="SKU-1", **payload):
    return {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "seq": seq, "kind": kind,
            "ts": f"2026-01-0{1 + seq % 3}T10:00:00+00:00", "customer_id": customer,
            "payload": {"session_id": session, "sku": sku, "recommender": "popular", **payload}}


shelf = [{"sku": f"SKU-{i}", "recommender": "popular" if i % 2 else "similar"}
         for i in range(1, 5)]
first = [event(i, f"c-{1 + i % 4}", "impression", session=f"s-{i % 5}", items=shelf)
         for i in range(1, 21)]
first += [event(20 + i, f"c-{1 + i % 4}", "save", session=f"s-{i % 5}", sku=f"SKU-{i % 4 + 1}",
                note="why? 100% sure") for i in range(1, 11)]
storage.ingest(k1, first)
storage.ingest(k1, first[:5] + [event(3, "c-1")], dropped=2)  # duplicates
storage.ingest(k1, [event(40, "c-1")])
storage.ingest(k1, [event(35, "c-2")])  # arrives after 40: out of order
storage.ingest(k2, [event(100 + i, "c-3", sku="SKU-9") for i in range(1, 8)])

device = DeviceKeys.generate()
code, short = "PSK" + "AB12" * 5, "SHORT12345678"
record = {"kind": "issued", "card_id": "card-c2", "customer_id": "c-2", "codes": [code, short]}
sealed = sealing.seal(storage.public_key, json.dumps(record))
assert storage.register_cards(k1, [{"sealed": sealed, "signature": device.sign(sealed.encode()),
                                    "device_key": device.public_key}]) == []
proof = sealing.seal(storage.public_key, json.dumps(
    {"customer_id": "c-2", "action": "withdraw", "purpose": "personalisation", "code": code}))
storage.ingest(k1, [event(50, "c-1", "consent_changed", purpose="personalisation",
                          granted=True),
                    event(51, "c-2", "consent_changed", purpose="personalisation",
                          granted=True),
                    event(52, "c-2", "consent_changed", purpose="personalisation",
                          granted=False, proof=proof)])

storage.publish([ChangeIn("product", {"sku": "SKU-1", "name": "Mug?",
                                      "description": "100% stoneware? Yes.", "price": 4.5})])
stock = storage.publish([ChangeIn("stock", {"sku": "SKU-1", "quantity": 3}, "s1")])
storage.publish([ChangeIn("profile", {"first_name": "Ada"}, "s2", "c-3"),
                 ChangeIn("stock", {"sku": "SKU-9", "quantity": 7}, "s2")])
storage.retract(stock[0], by="cli:maker")
storage.erase("c-4", origin="operator:cli")

feeds = {name: storage.changes_for(kiosk, 0, 100) for name, kiosk in (("k1", k1), ("k2", k2))}
expected = {
    "commit": sys.argv[2], "tokens": tokens, "public_key": storage.public_key,
    "erasure_key": storage.erasure_key, "stats": storage.stats(), "feeds": feeds,
    "retractions": storage.retractions(), "sequence_k1": storage.kiosk_sequence("k1"),
    "erased": ["c-4"], "kept": ["c-1", "c-2", "c-3"],
    "engagement": report.engagement(storage), "per_day": report.events_per_day(storage),
    "statements": {"postgresql": statements("BIGSERIAL PRIMARY KEY", "BIGINT")},
}
storage.close()
print(json.dumps(expected))
"""


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="hq-fixture-"))
    try:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", COMMIT, "kiosk"],
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(work / "code", filter="data")
        database = work / "hq.db"
        out = subprocess.run([sys.executable, "-c", OLD_HEAD_OFFICE, str(database), COMMIT],
                             cwd=work / "code", env={"PYTHONPATH": str(work / "code")},
                             capture_output=True, text=True, check=True)
        expected = json.loads(out.stdout)
        statements = expected.pop("statements")
        conn = sqlite3.connect(database)
        try:
            dump = "\n".join(conn.iterdump()) + "\n"
            rows = _inserts(conn)
            sequences = dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))
        finally:
            conn.close()
        (HERE / "sqlite.sql").write_text(dump)
        setvals = [f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {seq});"
                   for table, seq in sorted(sequences.items())]
        (HERE / "postgresql.sql").write_text(
            "\n".join([*(s + ";" for s in statements["postgresql"]), *rows, *setvals]) + "\n")
        shutil.copyfile(work / "hq.db.key", HERE / "hq.key")
        (HERE / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True)
                                            + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _inserts(conn: sqlite3.Connection) -> list[str]:
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid")]
    lines = []
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"):
            values = ", ".join(_literal(v) for v in row)
            lines.append(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values});")
    return lines


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for a {type(value).__name__}")


if __name__ == "__main__":
    main()
