"""``kiosk hq import``: till purchases at head office on both backends, read exactly as
``kiosk import`` reads them; idempotent; erased customers never back; purchase histories
published only for consenting customers, and applied by devices by their store's policy."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hqserver import ThreadedHQ, pg_server, pg_url  # noqa: F401  (fixtures)
from test_import import UCI_HEADER, uci, write_csv
from test_import_store import ROWS

from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.config import Config
from kiosk.hq.storage import open_storage
from kiosk.hq.tills import line_id
from kiosk.importer import load_clean

SAMPLE = Path(__file__).resolve().parent.parent / "assets" / "sample" / "transactions.csv.gz"
#: the tests' rows, plus what a till export also has: a malformed row and a long field
QUIRKY = [*ROWS,
          uci("536372", "22633", "HAND WARMER UNION JACK", "two", "2010-12-03 08:31:00", 1.85),
          uci("536373", "X" * 70, "TOO LONG A CODE", 1, "2010-12-03 08:32:00", 1.0)]
SAME_VALUES = ("layout", "rows_read", "rows_kept", "skipped", "customers", "products",
               "invoices", "purchase_lines", "anonymous_lines", "problems")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Head office's database URL on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "hq.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def quirky(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "till.csv", UCI_HEADER, QUIRKY)


def hq_import(database: str, path: Path, store: str = "s1", *extra: str):
    return CliRunner().invoke(cli, ["hq", "import", str(path), "--store", store,
                                    "--database", database, *extra])


def kiosk_import(tmp_path: Path, path: Path, *extra: str):
    return CliRunner().invoke(cli, ["import", str(path), "--db", str(tmp_path / "k.db"),
                                    "--no-enrich", *extra])


def rows_of(database: str, sql: str, params: list | tuple = ()) -> list[tuple]:
    storage = open_storage(database)
    try:
        return storage.query(sql, params)
    finally:
        storage.close()


def consent(storage, record, customer_id: str, purpose: str, seq: int) -> None:
    """A shopper's consent as head office records it from a proven ``profile_edit``."""
    from kiosk.chain import Clock, Version, consent_field
    from kiosk.hq import record as customer_record

    stamp = Clock(record.name).tick()
    with storage._tx(write=True) as cur:
        customer_record.merge_versions(storage, cur, customer_id,
                                       {consent_field(purpose): Version(True, stamp)},
                                       device=record.name, by="shopper",
                                       at=datetime.now(UTC).isoformat())


@pytest.mark.parametrize("path", ["quirky", "sample"])
def test_the_summary_is_kiosk_imports(database, tmp_path, request, path):
    source = request.getfixturevalue("quirky") if path == "quirky" else SAMPLE
    ours = hq_import(database, source, "s1", "--json")
    theirs = kiosk_import(tmp_path, source, "--json")
    assert (ours.exit_code, theirs.exit_code) == (0, 0), ours.output + theirs.output
    got, expected = json.loads(ours.output), json.loads(theirs.output)
    assert set(got) == set(expected)  # the same JSON keys
    assert {k: got[k] for k in SAME_VALUES} == {k: expected[k] for k in SAME_VALUES}
    assert set(got["details"]) > set(expected["details"])
    assert got["details"]["lines_new"] == got["purchase_lines"]
    if path == "quirky":
        assert got["skipped"]["malformed"] == 1 and got["skipped"]["field_too_long"] == 1
    stored = rows_of(database, "SELECT count(*), count(customer_id) FROM hq_purchases")
    assert stored == [(got["purchase_lines"], got["purchase_lines"] - got["anonymous_lines"])]
    # the text summary: every line of kiosk import's
    text_ours = hq_import(database, source, "s2").output
    (tmp_path / "again").mkdir()
    text_theirs = kiosk_import(tmp_path / "again", source).output
    for line in text_theirs.splitlines():
        if not line.startswith("Import"):  # the progress bar, and the line naming the store
            assert line in text_ours.splitlines(), line


def test_lines_keep_the_file_s_values_and_a_stable_id(database, quirky):
    assert hq_import(database, quirky, "s1").exit_code == 0
    clean = load_clean(quirky)
    expected = sorted((line_id("s1", line.invoice, line.sku, line.unit_price), "s1",
                       line.customer_id, line.invoice, line.sku, line.quantity,
                       line.unit_price, line.ts.isoformat()) for line in clean.lines)
    stored = rows_of(database, "SELECT line_id, store_id, customer_id, invoice, sku, quantity, "
                               "price, at FROM hq_purchases ORDER BY line_id")
    assert [tuple(r) for r in stored] == expected
    # the same lines of another store are other lines
    assert line_id("s2", clean.lines[0].invoice, clean.lines[0].sku,
                   clean.lines[0].unit_price) != expected[0][0]


def test_importing_the_same_file_again_adds_nothing(database, quirky):
    first = json.loads(hq_import(database, quirky, "s1", "--json").output)
    changes = rows_of(database, "SELECT count(*) FROM changes")
    stored = rows_of(database, "SELECT * FROM hq_purchases ORDER BY line_id")
    again = hq_import(database, quirky, "s1", "--json")
    second = json.loads(again.output)
    assert second["details"]["lines_new"] == 0
    assert second["details"]["lines_known"] == first["purchase_lines"] > 0
    assert second["details"]["products_published"] == 0
    assert rows_of(database, "SELECT * FROM hq_purchases ORDER BY line_id") == stored
    assert rows_of(database, "SELECT count(*) FROM changes") == changes
    text = hq_import(database, quirky, "s1").output
    assert f"0 new purchase lines, {first['purchase_lines']:,} already there" in text
    assert "importing a file again adds nothing" in text


def test_an_erased_customer_is_never_brought_back(database, quirky, tmp_path):
    storage = open_storage(database)
    try:
        storage.erase("13047")
    finally:
        storage.close()
    got = json.loads(hq_import(database, quirky, "s1", "--json").output)
    kiosk = Kiosk(Config(database=str(tmp_path / "k.db")), entrypoints=False)
    try:
        kiosk.privacy.erase("13047", origin="staff")
    finally:
        kiosk.close()
    expected = json.loads(kiosk_import(tmp_path, quirky, "--json").output)
    assert got["skipped"]["erased_customer"] == expected["skipped"]["erased_customer"] == 1
    assert {k: got[k] for k in SAME_VALUES} == {k: expected[k] for k in SAME_VALUES}
    assert rows_of(database, "SELECT count(*) FROM hq_purchases WHERE customer_id = ?",
                   ["13047"]) == [(0,)]


def test_erasing_at_head_office_deletes_the_customer_s_lines(database, quirky):
    assert hq_import(database, quirky, "s1").exit_code == 0
    assert rows_of(database, "SELECT count(*) FROM hq_purchases WHERE customer_id = ?",
                   ["13047"]) != [(0,)]
    storage = open_storage(database)
    try:
        assert storage.erase("13047")
        assert storage.query("SELECT count(*) FROM hq_purchases WHERE customer_id = ?",
                             ["13047"]) == [(0,)]
        assert storage.query("SELECT count(*) FROM hq_purchases") != [(0,)]
    finally:
        storage.close()


def test_histories_go_out_only_for_consenting_customers(database):
    clean = load_clean(SAMPLE)
    by_customer: dict[str, int] = {}
    for line in clean.lines:
        if line.customer_id is not None:
            by_customer[line.customer_id] = by_customer.get(line.customer_id, 0) + 1
    personal, staff, offers, later, silent = sorted(by_customer)[:5]
    storage = open_storage(database)
    try:
        record = storage.authenticate(storage.add_kiosk("k1", store_id="s1"))
        consent(storage, record, personal, "personalisation", 1)
        consent(storage, record, staff, "staff_profile", 2)
        consent(storage, record, offers, "hq_offers", 3)
    finally:
        storage.close()
    got = json.loads(hq_import(database, SAMPLE, "s1", "--json").output)
    assert got["details"]["histories_published"] == 2
    assert got["details"]["history_lines_published"] == by_customer[personal] + by_customer[staff]
    published = rows_of(database, "SELECT customer_id, store_id, data FROM changes "
                                  "WHERE kind = 'purchases' ORDER BY id")
    lines = {}
    for customer_id, store_id, data in published:
        assert store_id == "s1"
        lines.setdefault(customer_id, []).extend(json.loads(data)["lines"])
    assert set(lines) == {personal, staff}
    assert len(lines[personal]) == by_customer[personal]
    assert {line["store_id"] for line in lines[personal]} == {"s1"}
    # a customer who consents afterwards gets their whole history sent then, once
    storage = open_storage(database)
    try:
        record = storage.authenticate(storage.add_kiosk("k2", store_id="s1"))
        consent(storage, record, later, "personalisation", 1)
        consent(storage, record, later, "staff_profile", 2)  # the other purpose: nothing new
        sent = storage.query("SELECT data FROM changes WHERE kind = 'purchases' "
                             "AND customer_id = ?", [later])
        assert sum(len(json.loads(d)["lines"]) for (d,) in sent) == by_customer[later]
        for nobody in (offers, silent):
            assert storage.query("SELECT count(*) FROM changes WHERE kind = 'purchases' "
                                 "AND customer_id = ?", [nobody]) == [(0,)]
        # the on-scan snapshot: the whole history of a consenting customer only
        with storage._tx(write=False) as cur:
            kinds = [c.kind for c in storage.customer_changes(cur, personal)]
            assert kinds.count("purchases") == 1 and set(kinds) <= {"profile", "purchases"}
            assert "purchases" not in {c.kind for c in storage.customer_changes(cur, silent)}
    finally:
        storage.close()
    # a second import of the same file publishes nothing more
    again = json.loads(hq_import(database, SAMPLE, "s1", "--json").output)
    assert again["details"]["histories_published"] == 0


def test_devices_apply_histories_by_their_policy(tmp_path):
    database = str(tmp_path / "hq.db")
    clean = load_clean(SAMPLE)
    customer = next(line.customer_id for line in clean.lines if line.customer_id)
    storage = open_storage(database)
    tokens = {name: storage.add_kiosk(name, store_id="s1") for name in ("store", "chain")}
    consent(storage, storage.authenticate(tokens["store"]), customer, "personalisation", 1)
    storage.close()
    for store in ("s1", "s2"):
        assert hq_import(database, SAMPLE, store).exit_code == 0
    storage = open_storage(database)
    server = ThreadedHQ(storage).start()
    try:
        held = {}
        for policy, token in tokens.items():
            config = Config(database=str(tmp_path / f"{policy}.db"), store_id="s1",
                            hq_url=server.url, hq_token=token,
                            plugins={"sync": {"histories": policy}})
            kiosk = Kiosk(config, entrypoints=False)
            try:
                assert kiosk.sync.run_once()["ok"]
                assert kiosk.sync.run_once()["changes_applied"] == 0
                held[policy] = kiosk.db.execute(
                    "SELECT store_id, count(*), count(DISTINCT line_id) FROM purchases "
                    "WHERE customer_id = ? GROUP BY store_id ORDER BY store_id",
                    [customer]).fetchall()
            finally:
                kiosk.close()
    finally:
        server.stop()
        storage.close()
    mine = sum(1 for line in clean.lines if line.customer_id == customer)
    assert held["store"] == [("s1", mine, mine)]
    assert held["chain"] == [("s1", mine, mine), ("s2", mine, mine)]


def test_bad_input_gets_a_clear_message(tmp_path, quirky):
    database = str(tmp_path / "hq.db")
    empty = hq_import(database, quirky, "")
    assert empty.exit_code == 2 and "--store" in empty.output and "1-128" in empty.output
    control = hq_import(database, quirky, "s\x1b[2J")
    assert control.exit_code == 2 and "control characters" in control.output
    unknown = write_csv(tmp_path / "other.csv", ["a", "b"], [["1", "2"]])
    refused = hq_import(database, unknown, "s1")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "InvoiceNo" in refused.output
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00broken")
    unreadable = hq_import(database, broken, "s1")
    assert unreadable.exit_code == 1 and "cannot read the file" in unreadable.output
    assert rows_of(database, "SELECT count(*) FROM hq_purchases") == [(0,)]
