"""Import robustness (issue 9 item 9): every field bounded, text made safe, names and prices
not overwritten by a smaller later file. On files the tests write, into real SQLite stores."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner
from test_import import UCI_HEADER, uci, write_csv

from kiosk.cli import cli
from kiosk.importer import import_file, load_clean

BEST_SELLER = "85123A"
BEST_NAME = "WHITE HANGING HEART T-LIGHT HOLDER"
ANSI_NAME = "\x1b[31;1mFREE\x1b[0m \x1b]0;owned\x07GIFT\u202e"


def best_seller_file(tmp_path, n=30):
    rows = [uci(str(1000 + i), BEST_SELLER, BEST_NAME, 6, "2010-12-01 08:26:00", 2.55,
                customer=str(12000 + i % 7)) for i in range(n)]
    rows += [uci(str(2000 + i), "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-02 09:00:00",
                 12.75, customer=str(12000 + i % 7)) for i in range(5)]
    return write_csv(tmp_path / "year.csv", UCI_HEADER, rows)


def product(kiosk, sku):
    return kiosk.db.execute("SELECT name, price FROM products WHERE sku = ?", [sku]).fetchone()


# -- bounded numbers and dates --------------------------------------------------


@pytest.mark.parametrize("quantity", ["99999999999999999999", "1e20", "-1e20", "1000001"])
def test_a_quantity_too_large_is_one_skipped_row_not_a_crash(kiosk, tmp_path, quantity):
    path = write_csv(tmp_path / "q.csv", UCI_HEADER, [
        uci("1", "22423", "REGENCY CAKESTAND 3 TIER", quantity, "2010-12-01 09:00:00", 12.75),
        uci("2", "22423", "REGENCY CAKESTAND 3 TIER", 2, "2010-12-01 10:00:00", 12.75),
    ])
    report = import_file(kiosk, path, enrich=False)
    assert report.skipped["quantity_out_of_range"] == 1
    assert report.problems == [f"line 2: quantity {quantity!r} is out of range "
                               "(at most 1,000,000 either way)"]
    assert report.rows_kept == 1
    assert kiosk.db.execute("SELECT sum(quantity) FROM purchases").fetchone()[0] == 2


@pytest.mark.parametrize("field, value, reason", [
    ("price", "1e308", "price_out_of_range"),
    ("price", "-1e308", "price_out_of_range"),
    ("price", "inf", "price_out_of_range"),
    ("price", "10000001", "price_out_of_range"),
    ("when", "0001-01-01 00:00:00", "date_out_of_range"),
    ("when", "9999-12-31 23:59:00", "date_out_of_range"),
    ("when", "0001-01-01T00:30:00+05:00", "date_out_of_range"),
    ("when", "9999-12-31T23:59:00-05:00", "date_out_of_range"),
    ("when", "1/1/1899 10:00", "date_out_of_range"),
    # an id of its own: a test id must not change between two collections (pytest-xdist)
    pytest.param("when", (datetime.now() + timedelta(days=3)).isoformat(" ", "seconds"),
                 "date_out_of_range", id="when-in-three-days"),
])
def test_prices_and_dates_out_of_range_are_skipped_with_their_reason(tmp_path, field, value,
                                                                     reason):
    row = {"price": 2.5, "when": "2011-01-01 10:00:00", field: value}
    data = load_clean(write_csv(tmp_path / "r.csv", UCI_HEADER, [
        uci("1", "22423", "CAKESTAND", 1, row["when"], row["price"]),
        uci("2", "22423", "CAKESTAND", 1, "2011-01-01 11:00:00", 2.5),
    ]))
    report = data.report
    assert report.skipped[reason] == 1, report.problems
    assert [p.kind for p in report.problems] == [reason]
    assert report.problems[0].line == 2 and "out of range" in report.problems[0].reason
    assert [line.invoice for line in data.lines] == ["2"]
    assert report.rows_kept + sum(report.skipped.values()) == report.rows_read == 2


def test_bounds_keep_every_plausible_value(tmp_path):
    data = load_clean(write_csv(tmp_path / "ok.csv", UCI_HEADER, [
        uci("1", "23843", "PAPER CRAFT , LITTLE BIRDIE", 80995, "2011-12-09 09:15:00", 2.08),
        uci("2", "AMAZON", "BIG TICKET", 1, "1990-01-01 00:00:00", 9_999_999),
        uci("3", "M", "Manual", -1, "2011-06-10 15:33:00", -38970),
    ]))
    assert data.report.rows_read == 3 and not data.report.problems


# -- text -------------------------------------------------------------------------


def test_control_characters_are_taken_out_of_every_text_field(kiosk, tmp_path):
    path = write_csv(tmp_path / "t.csv", UCI_HEADER, [
        uci("5\x1b[2J36", "2242\x003", "CAKE\x1b[31mSTAND\x1b[0m\tRED\u202e", 1,
            "2011-01-01 10:00:00", 12.75, customer="17\x0750", country="U\x1bK"),
    ])
    report = import_file(kiosk, path, enrich=False)
    assert report.rows_kept == 1
    row = kiosk.db.execute(
        "SELECT p.invoice, p.sku, p.customer_id, pr.name FROM purchases p "
        "JOIN products pr ON pr.sku = p.sku").fetchone()
    assert row == ("536", "22423", "1750", "CAKESTAND RED")
    dumped = json.dumps(kiosk.db.execute("SELECT * FROM products").fetchall())
    assert "\\u001b" not in dumped and "\\u202e" not in dumped


def test_a_field_over_its_size_limit_is_one_skipped_row(tmp_path):
    data = load_clean(write_csv(tmp_path / "long.csv", UCI_HEADER, [
        uci("1", "22423", "X" * 1001, 1, "2011-01-01 10:00:00", 12.75),
        uci("2", "2" * 65, "CAKESTAND", 1, "2011-01-01 10:00:00", 12.75),
        uci("3", "22423", "CAKESTAND", 1, "2011-01-01 10:00:00", 12.75, customer="9" * 129),
        uci("4", "22423", "CAKESTAND", 1, "2011-01-01 10:00:00", 12.75),
    ]))
    assert data.report.skipped["field_too_long"] == 3
    assert [str(p) for p in data.report.problems] == [
        "line 2: description is 1,001 characters long (at most 1,000)",
        "line 3: sku is 65 characters long (at most 64)",
        "line 4: customer id is 129 characters long (at most 128)",
    ]
    assert [line.invoice for line in data.lines] == ["4"]


def huge_quoted_field_file(path, lines: int) -> int:
    """A row whose description is a quoted field of ``lines`` identical lines, rows around
    it; returns the length of that row."""
    record = ['2,22423,"START OF A HUGE FIELD\n', "the same line, again and again\n" * lines,
              'END",1,2011-01-01 10:00:00,12.75,17850,UK\n']
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(UCI_HEADER) + "\n")
        handle.write("1,22423,CAKESTAND,1,2011-01-01 10:00:00,12.75,17850,UK\n")
        handle.writelines(record)
        handle.write("3,22423,CAKESTAND,1,2011-01-02 10:00:00,12.75,17850,UK\n")
    return sum(map(len, record))


def test_a_huge_quoted_field_is_one_bad_row_not_a_million_duplicates(tmp_path):
    path = tmp_path / "huge.csv"
    chars = huge_quoted_field_file(path, 100_000)  # 3.1 MB in one field
    data = load_clean(path)
    report = data.report
    assert report.rows_read == 3
    assert report.skipped["duplicate"] == 0 and report.skipped["malformed"] == 0
    assert report.skipped["field_too_long"] == 1
    assert [str(p) for p in report.problems] == [
        f"line 3: row is {chars:,} characters long (at most 65,536); skipped to its end"]
    assert sorted(line.invoice for line in data.lines) == ["1", "3"]


def test_a_huge_line_without_a_line_break_is_one_bad_row(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(UCI_HEADER) + "\n"
                    + "1,22423," + "Z" * 3_000_000 + ",1,2011-01-01 10:00:00,12.75,17850,UK\n"
                    + "2,22423,CAKESTAND,1,2011-01-01 10:00:00,12.75,17850,UK\n")
    data = load_clean(path)
    assert data.report.skipped["field_too_long"] == 1
    assert data.report.problems[0].line == 2
    assert [line.invoice for line in data.lines] == ["2"]


def test_unknown_layout_shows_the_header_escaped(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Invoice\x1b[2J\x1b]0;owned\x07No,Stock\u202eCode,Qty\n1,2,3\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kiosk", "import", str(path), "--db",
                           str(tmp_path / "k.db")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "unknown file layout" in done.stderr
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\u202e" not in done.stderr
    assert r"'Invoice\x1b[2J\x1b]0;owned\x07No', 'Stock\u202eCode', Qty" in done.stderr


# -- a later import never silently overwrites -----------------------------------------


def test_a_one_row_later_file_cannot_rename_or_reprice_the_best_seller(kiosk, tmp_path):
    import_file(kiosk, best_seller_file(tmp_path), enrich=False)
    assert product(kiosk, BEST_SELLER) == (BEST_NAME, 2.55)
    later = write_csv(tmp_path / "later.csv", UCI_HEADER, [
        uci("9001", BEST_SELLER, ANSI_NAME, 1, "2011-02-01 10:00:00", 999999.0)])
    report = import_file(kiosk, later, enrich=False)
    assert product(kiosk, BEST_SELLER) == (BEST_NAME, 2.55)
    updates = report.product_updates
    assert (updates["renamed"], updates["repriced"]) == (0, 0)
    assert (updates["names_kept"], updates["prices_kept"]) == (1, 1)
    assert updates["listed"] == [
        {"sku": BEST_SELLER, "field": "name", "changed": False, "store": BEST_NAME,
         "store_rows": 30, "file": "FREE GIFT", "file_rows": 1},
        {"sku": BEST_SELLER, "field": "price", "changed": False, "store": 2.55,
         "store_rows": 30, "file": 999999.0, "file_rows": 1},
    ]
    # the purchase itself is kept, at the price it was sold at
    assert kiosk.db.execute("SELECT price FROM purchases WHERE invoice = '9001'").fetchone() == (
        999999.0,)


def test_the_cli_summary_says_what_was_kept(tmp_path):
    db = tmp_path / "cli.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["import", str(best_seller_file(tmp_path)), "--db", str(db),
                                "--no-enrich"], catch_exceptions=False)
    assert first.exit_code == 0 and "catalogue" not in first.stdout.replace("catalogue:", "")
    later = write_csv(tmp_path / "later.csv", UCI_HEADER, [
        uci("9001", BEST_SELLER, ANSI_NAME, 1, "2011-02-01 10:00:00", 999999.0)])
    result = runner.invoke(cli, ["import", str(later), "--db", str(db), "--no-enrich"],
                           catch_exceptions=False)
    assert result.exit_code == 0
    out = result.stdout
    assert "0 renamed and 0 repriced" in out
    assert "1 name and 1 price kept" in out
    assert f"{BEST_SELLER} name kept '{BEST_NAME}' (30 rows) over 'FREE GIFT' (1 row)" in out
    assert f"{BEST_SELLER} price kept 2.55 (30 rows) over 999999 (1 row)" in out
    assert "\x1b" not in out


def test_a_later_file_with_more_sales_behind_its_choice_changes_and_says_so(kiosk, tmp_path):
    import_file(kiosk, best_seller_file(tmp_path, n=3), enrich=False)
    rows = [uci(str(5000 + i), BEST_SELLER, "WHITE HEART T-LIGHT HOLDER", 2,
                "2011-03-01 10:00:00", 2.95) for i in range(4)]
    report = import_file(kiosk, write_csv(tmp_path / "season.csv", UCI_HEADER, rows),
                         enrich=False)
    assert product(kiosk, BEST_SELLER) == ("WHITE HEART T-LIGHT HOLDER", 2.95)
    updates = report.product_updates
    assert (updates["renamed"], updates["repriced"]) == (1, 1)
    assert updates["listed"][0] == {"sku": BEST_SELLER, "field": "name", "changed": True,
                                    "store": BEST_NAME, "store_rows": 3,
                                    "file": "WHITE HEART T-LIGHT HOLDER", "file_rows": 4}
    # and now the new name stands on 4 rows: a 3-row file cannot take it back
    again = import_file(kiosk, best_seller_file(tmp_path, n=3), enrich=False)
    assert product(kiosk, BEST_SELLER) == ("WHITE HEART T-LIGHT HOLDER", 2.95)
    assert again.product_updates["names_kept"] == 1


def test_reimporting_the_same_file_reports_no_update(kiosk, tmp_path):
    path = best_seller_file(tmp_path)
    first = import_file(kiosk, path, enrich=False)
    evidence = kiosk.db.execute("SELECT * FROM import_product_evidence ORDER BY sku").fetchall()
    second = import_file(kiosk, path, enrich=False)
    assert first.product_updates == second.product_updates == {
        "renamed": 0, "repriced": 0, "names_kept": 0, "prices_kept": 0, "listed": []}
    assert kiosk.db.execute(
        "SELECT * FROM import_product_evidence ORDER BY sku").fetchall() == evidence


def test_a_product_without_evidence_weighs_its_purchase_lines(kiosk, tmp_path):
    """A store filled before this rule (or by head office) has no evidence rows."""
    import_file(kiosk, best_seller_file(tmp_path), enrich=False)
    kiosk.db.execute("DELETE FROM import_product_evidence")
    kiosk.db.conn.commit()
    later = write_csv(tmp_path / "later.csv", UCI_HEADER, [
        uci("9001", BEST_SELLER, "OTHER NAME", 1, "2011-02-01 10:00:00", 3.0)])
    report = import_file(kiosk, later, enrich=False)
    assert product(kiosk, BEST_SELLER) == (BEST_NAME, 2.55)
    assert report.product_updates["listed"][0]["store_rows"] == 30  # its purchase lines
