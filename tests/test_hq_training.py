"""``kiosk hq train``: the recommenders trained at head office on every store's till purchases
reach the devices by the change feed, on both backends, with real processes.

What each line may be used for follows head office's current record: a customer
consenting to personalisation is trained on as a person; anyone else only as
anonymous sales (no customer, fresh invoice numbers, the day only); a line the
customer excluded and an erased customer's lines never.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from chain_devices import Chain, Device
from hqserver import pg_server, pg_url  # noqa: F401  (fixtures)
from test_hq_import import SAMPLE, hq_import
from test_import import UCI_HEADER, uci, write_csv

from kiosk.chain import PAUSED, Clock, Version, consent_field, exclusion_field
from kiosk.hq import record
from kiosk.hq.storage import open_storage
from kiosk.hq.training import read_training_data
from kiosk.importer import load_clean

HQ = [sys.executable, "-m", "kiosk.hq"]
#: what a device runs to show its guest picks and the model they came from
SHOW_PICKS = """
import json
from kiosk.app import Kiosk
from kiosk.config import load_config
from kiosk.recommend import artefacts
from kiosk.store import purchases

with Kiosk(load_config()) as kiosk:
    service = kiosk.recommendations
    loaded = service.load()  # the stored run, or False (it would train here)
    shelves = service.shelves(None, session_id="guest", k=8)
    print(json.dumps({"loaded": loaded, "version": service._version,
                      "latest": artefacts.latest_version(kiosk.db),
                      "purchases_here": purchases.count(kiosk.db),
                      "picks": [[p.sku, p.recommender] for s in shelves for p in s.picks]}))
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "hq.db")
    return request.getfixturevalue("pg_url")


def edit(storage: Any, customer_id: str, fields: dict[str, Any]) -> None:
    """Fields of a shopper's record as head office merges them from a proven edit."""
    stamp = Clock("till-test").tick()
    with storage._tx(write=True) as cur:
        record.merge_versions(storage, cur, customer_id,
                              {name: Version(value, stamp) for name, value in fields.items()},
                              device="till-test", by="shopper",
                              at=datetime.now(UTC).isoformat())


def chain_data(database: str, tmp_path: Path) -> dict[str, Any]:
    """Two stores' till files at head office and five shoppers, one of each case:
    consenting, never asked, consenting then erased, consenting but paused,
    consenting with one purchase excluded."""
    clean = load_clean(SAMPLE)
    lines: dict[str, list[Any]] = {}
    for line in clean.lines:
        if line.customer_id:
            lines.setdefault(line.customer_id, []).append(line)
    rich = sorted((c for c in lines if len(lines[c]) >= 5), key=lambda c: (-len(lines[c]), c))
    who = dict(zip(("consenting", "never_asked", "erased", "paused", "excluding"), rich,
                   strict=False))
    # store s2 sold to the shopper who was never asked, and to a guest
    second = write_csv(tmp_path / "s2.csv", UCI_HEADER, [
        uci("900001", "22386", "JUMBO BAG PINK POLKADOT", 2, "2011-12-01 10:00:00", 1.95,
            who["never_asked"]),
        uci("900002", "85099C", "JUMBO BAG BAROQUE BLACK WHITE", 1, "2011-12-01 11:00:00",
            1.95, "")])
    assert hq_import(database, SAMPLE, "s1").exit_code == 0
    assert hq_import(database, second, "s2").exit_code == 0
    excluded = lines[who["excluding"]][0]
    storage = open_storage(database)
    try:
        for name in ("consenting", "erased", "paused", "excluding"):
            edit(storage, who[name], {consent_field("personalisation"): True})
        edit(storage, who["paused"], {PAUSED: True})
        edit(storage, who["excluding"], {exclusion_field(excluded.invoice, excluded.sku): True})
        assert storage.erase(who["erased"])
    finally:
        storage.close()
    return {"who": who, "lines": lines, "excluded": excluded,
            "total": len(clean.lines) + 2}


def test_only_consenting_shoppers_are_trained_on_as_people(database, tmp_path):
    built = chain_data(database, tmp_path)
    who, lines = built["who"], built["lines"]
    storage = open_storage(database)
    try:
        data = read_training_data(storage)
    finally:
        storage.close()
    by_customer: dict[Any, list[tuple]] = {}
    for line in data.lines:
        by_customer.setdefault(line[1], []).append(line)
    assert data.personal == {who["consenting"], who["excluding"]}
    assert set(by_customer) == {who["consenting"], who["excluding"], None}
    assert len(by_customer[who["consenting"]]) == len(lines[who["consenting"]])
    assert len(by_customer[who["excluding"]]) == len(lines[who["excluding"]]) - 1
    kept = {(line[0], line[2]) for line in by_customer[who["excluding"]]}
    assert (f"s1:{built['excluded'].invoice}", built["excluded"].sku) not in kept
    assert data.excluded_lines == 1
    # erased at head office: gone (import and erasure deleted the lines), not even anonymous
    assert len(data.lines) == built["total"] - len(lines[who["erased"]]) - 1
    # never asked, paused, guests: anonymous sales only, each invoice renamed, the day only
    anonymous = by_customer[None]
    assert data.anonymised_lines == len(anonymous)
    assert all(line[0].startswith("anon-") and line[5].endswith("T00:00:00")
               for line in anonymous)
    invoices = {line[0] for line in anonymous}
    originals = {line.invoice for c in ("never_asked", "paused") for line in lines[who[c]]}
    assert not invoices & originals and not any(i.startswith("s1:") for i in invoices)
    assert data.stores == {"s1", "s2"}


def run_hq(database: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([*HQ, *args, "--database", database, "--json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def model_rows(device: Device) -> list[tuple[int, str, dict[str, Any]]]:
    """(version, name, metrics) of the device's model table (its processes have exited)."""
    conn = sqlite3.connect(device.database)
    try:
        rows = conn.execute("SELECT version, name, metrics FROM model_artefacts "
                            "ORDER BY version, name").fetchall()
    finally:
        conn.close()
    return [(v, n, json.loads(m)) for v, n, m in rows]


def test_a_model_trained_at_head_office_reaches_the_devices(database, tmp_path):
    built = chain_data(database, tmp_path)
    chain = Chain(tmp_path, database)
    try:
        second = chain.add("till-s2", "s2")
        assert second.sync()["ok"]  # catalogue and shoppers; no model yet
        assert model_rows(second) == []
        everywhere = run_hq(database, "train")  # while head office serves
        assert everywhere["store_id"] is None and everywhere["stores"] == ["s1", "s2"]
        assert everywhere["customers"] == 2  # the consenting and the excluding shopper
        assert everywhere["purchases"] == built["total"] - len(built["lines"][built["who"][
            "erased"]]) - 1
        assert everywhere["excluded_lines"] == 1 and everywhere["anonymised_lines"] > 0
        assert "_blend" not in everywhere["recommenders"] and everywhere["failed"] == []
        assert second.sync()["changes_applied"] == 1  # the model, by the change feed
        # one store's model: only that store's devices get it
        only_s1 = run_hq(database, "train", "--store", "s1")
        assert only_s1["store_id"] == "s1" and only_s1["change_id"] > everywhere["change_id"]
        first = chain.add("till-s1", "s1")
        assert first.sync()["ok"]
        assert second.sync()["ok"]
        shown = json.loads(subprocess.run([sys.executable, "-c", SHOW_PICKS], env=second.env,
                                          capture_output=True, text=True, timeout=300,
                                          check=True).stdout)
    finally:
        chain.stop()

    held = model_rows(second)
    assert {version for version, _, _ in held} == {1}  # the every-device run, once
    assert sorted(name for _, name, _ in held) == sorted([*everywhere["recommenders"],
                                                          "_blend"])
    blend = next(metrics for _, name, metrics in held if name == "_blend")
    assert blend["hq_version"] == everywhere["version"]
    s1_runs = {version: metrics["hq_version"] for version, name, metrics in model_rows(first)
               if name == "_blend"}
    # a new device bootstraps: the latest model change wins (one per name), its store's
    assert s1_runs[max(s1_runs)] == only_s1["version"]
    # the device's picks come from that model: it holds no purchase to learn from itself
    assert shown["purchases_here"] == 0
    assert shown["loaded"] is True and shown["version"] == shown["latest"] == 1
    assert shown["picks"], shown
    assert {recommender for _, recommender in shown["picks"]} <= set(
        everywhere["recommenders"])


def test_bad_input_gets_a_clear_message(database, tmp_path):
    empty = subprocess.run([*HQ, "train", "--database", database], capture_output=True,
                           text=True, timeout=300)
    assert empty.returncode == 1 and "no till purchases to learn from" in empty.stderr
    assert hq_import(database, SAMPLE, "s1").exit_code == 0
    for store, why in (("s9", "no device and no purchases of this store"),
                       ("", "1-128"), ("s\x1b[2J", "control characters")):
        refused = subprocess.run([*HQ, "train", "--store", store, "--database", database],
                                 capture_output=True, text=True, timeout=300)
        assert refused.returncode == 2 and "--store" in refused.stderr, refused.stderr
        assert why in refused.stderr and "Traceback" not in refused.stderr
    storage = open_storage(database)
    try:
        assert storage.query("SELECT count(*) FROM changes WHERE kind = 'model'") == [(0,)]
    finally:
        storage.close()
