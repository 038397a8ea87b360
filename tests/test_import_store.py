"""``kiosk import`` into a real SQLite store: idempotency, customers, the CLI contract."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_import import NEUTRAL_HEADER, UCI_HEADER, uci, write_csv

from kiosk.cli import cli
from kiosk.importer import import_file

ROWS = [
    uci("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, "2010-12-01 08:26:00", 2.55),
    uci("536365", "71053", "WHITE METAL LANTERN", 6, "2010-12-01 08:26:00", 3.39),
    uci("536365", "71053", "WHITE METAL LANTERN", 6, "2010-12-01 08:26:00", 3.39),  # duplicate
    uci("536366", "22633", "HAND WARMER UNION JACK", 6, "2010-12-01 08:28:00", 1.85,
        customer="13047"),
    uci("536367", "22633", "HAND WARMER UNION JACK", 2, "2010-12-01 09:00:00", 1.85,
        customer=""),  # anonymous
    uci("C536368", "22633", "HAND WARMER UNION JACK", -2, "2010-12-02 08:28:00", 1.85,
        customer="13047"),
    uci("536369", "POST", "POSTAGE", 1, "2010-12-01 08:30:00", 18.0),
    uci("536370", "84029G", "", 1, "2010-12-03 08:30:00", 3.39),
    uci("536371", "84029G", "KNITTED UNION FLAG HOT WATER BOTTLE", 1, "2010-12-03 08:31:00",
        3.39),
]


def counts(db) -> dict[str, int]:
    return {table: db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            for table in ("stores", "products", "customers", "purchases", "consents")}


@pytest.fixture
def data_file(tmp_path):
    return write_csv(tmp_path / "retail.csv", UCI_HEADER, ROWS)


def test_import_writes_purchases_customers_products_and_the_store(kiosk, data_file):
    report = import_file(kiosk, data_file)
    db = kiosk.db
    assert report.rows_read == 9
    assert report.customers == 2 and report.products == 4 and report.invoices == 5
    purchases = {(r[0], r[1]): r[2:] for r in db.execute(
        "SELECT invoice, sku, customer_id, quantity, price, ts, store_id FROM purchases")}
    assert purchases[("536366", "22633")] == ("13047", 4, 1.85, "2010-12-01T08:28:00", "store-1")
    assert purchases[("536367", "22633")][0] is None  # anonymous: on no profile
    assert ("536369", "POST") not in purchases
    assert db.execute("SELECT id, name FROM stores").fetchall() == [("store-1", "Test Store")]
    customers = db.execute(
        "SELECT id, origin, first_name, loyalty_ref FROM customers ORDER BY id").fetchall()
    assert customers == [("13047", "import", None, None), ("17850", "import", None, None)]
    # consent was never asked at the till: none is recorded
    assert db.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
    assert db.execute("SELECT name, price FROM products WHERE sku = '84029G'").fetchone() == (
        "KNITTED UNION FLAG HOT WATER BOTTLE", 3.39)
    theme = db.execute("SELECT theme, colours FROM products WHERE sku = '71053'").fetchone()
    assert theme == ("candles_lights", '["white"]')


def test_importing_the_same_file_twice_changes_nothing(kiosk, data_file):
    first = import_file(kiosk, data_file).to_dict()
    before = counts(kiosk.db)
    snapshot = kiosk.db.execute("SELECT * FROM purchases ORDER BY id").fetchall()
    products = kiosk.db.execute("SELECT * FROM products ORDER BY sku").fetchall()
    second = import_file(kiosk, data_file).to_dict()
    first.pop("seconds"), second.pop("seconds")
    assert first == second
    assert counts(kiosk.db) == before
    assert kiosk.db.execute("SELECT * FROM purchases ORDER BY id").fetchall() == snapshot
    assert kiosk.db.execute("SELECT * FROM products ORDER BY sku").fetchall() == products


def test_reimport_keeps_a_shoppers_exclusion(kiosk, data_file):
    import_file(kiosk, data_file)
    kiosk.db.execute("UPDATE purchases SET excluded = 1 WHERE invoice = '536365'")
    import_file(kiosk, data_file)
    assert kiosk.db.execute(
        "SELECT count(*) FROM purchases WHERE excluded = 1").fetchone()[0] == 2


def test_an_erased_customer_is_not_brought_back(kiosk, data_file):
    import_file(kiosk, data_file)
    try:
        kiosk.privacy.erase("13047", origin="staff")
    except (ImportError, AttributeError):
        pytest.skip("the privacy service is not available")
    report = import_file(kiosk, data_file)
    assert kiosk.db.execute("SELECT count(*) FROM customers WHERE id = '13047'").fetchone()[0] == 0
    assert kiosk.db.execute(
        "SELECT count(*) FROM purchases WHERE customer_id = '13047'").fetchone()[0] == 0
    assert report.skipped["erased_customer"] == 1
    assert report.rows_kept + sum(report.skipped.values()) == report.rows_read


def test_neutral_gzip_file_imports(kiosk, tmp_path):
    path = write_csv(tmp_path / "till-export.gz", NEUTRAL_HEADER, [
        ["T1", "C-1", "22423", "REGENCY CAKESTAND 3 TIER", "1", "12.75", "2011-05-01T10:00:00",
         "United Kingdom"],
    ], gz=True)
    report = import_file(kiosk, path)
    assert report.layout == "neutral" and report.rows_kept == 1
    assert kiosk.db.execute("SELECT id FROM customers").fetchall() == [("C-1",)]


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_json_contract(tmp_path, data_file):
    db = tmp_path / "cli.db"
    result = run_cli("import", str(data_file), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in ("rows_read", "rows_kept", "skipped", "customers", "products", "invoices",
                "seconds"):
        assert key in report
    assert report["rows_read"] == 9
    assert report["skipped"]["duplicate"] == 1 and report["skipped"]["non_product"] == 1
    assert "Importing" not in result.stderr  # no progress bar with --json
    again = json.loads(run_cli("import", str(data_file), "--db", str(db), "--json").stdout)
    report.pop("seconds"), again.pop("seconds")
    assert again == report


def test_cli_summary_and_progress_on_stderr(tmp_path, data_file):
    result = run_cli("import", str(data_file), "--db", str(tmp_path / "cli.db"))
    assert result.exit_code == 0
    assert "Importing" in result.stderr and "Importing" not in result.stdout
    assert "rows read" in result.stdout and "exact duplicate" in result.stdout
    assert "of products got a theme" in result.stdout


def test_cli_reports_malformed_rows_and_goes_on(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(UCI_HEADER) + "\n"
                    "1,22423,CAKESTAND,1,2010-12-01 09:00:00,12.75,17850,UK\n"
                    "2,22423,CAKESTAND,1,2010-12-01 09:00:00,twelve,17850,UK\n")
    result = run_cli("import", str(path), "--db", str(tmp_path / "cli.db"), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["problems"] == ["line 3: unit price 'twelve' is not a number"]
    assert report["rows_kept"] == 1


def test_cli_unknown_layout_fails_with_the_expected_columns(tmp_path):
    path = write_csv(tmp_path / "odd.csv", ["when", "what"], [["x", "y"]])
    db = tmp_path / "cli.db"
    result = run_cli("import", str(path), "--db", str(db))
    assert result.exit_code != 0
    assert "unknown file layout" in result.stderr
    assert "InvoiceNo, StockCode" in result.stderr and "invoice, customer_id, sku" in result.stderr
