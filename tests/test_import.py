"""The importer's reading and cleaning rules, one quirk at a time, on files the tests write."""

from __future__ import annotations

import csv
import gzip
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.importer import UnknownLayoutError, load_clean, read_lines
from kiosk.importer.rules import is_product, is_service_name, repair_text

UCI_HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
              "CustomerID", "Country"]
NEUTRAL_HEADER = ["invoice", "customer_id", "sku", "description", "quantity", "unit_price",
                  "ts", "country"]


def uci(invoice, sku, description, quantity, when, price, customer="17850",
        country="United Kingdom"):
    return [invoice, sku, description, str(quantity), when, str(price), customer, country]


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, gz: bool = False) -> Path:
    opener = gzip.open if gz else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def clean(tmp_path: Path, rows: list[list[str]], **kwargs):
    return load_clean(write_csv(tmp_path / "data.csv", UCI_HEADER, rows, **kwargs))


def by_invoice(data) -> dict[str, list]:
    found: dict[str, list] = {}
    for line in data.lines:
        found.setdefault(line.invoice, []).append(line)
    return found


def test_rows_read_always_equal_kept_plus_skipped(tmp_path):
    data = clean(tmp_path, [
        uci("1", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, "2010-12-01 08:26:00", 2.55),
        uci("1", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, "2010-12-01 08:26:00", 2.55),
        uci("2", "POST", "POSTAGE", 1, "2010-12-01 09:00:00", 18),
        uci("3", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-01 09:00:00", 0),
        uci("4", "22423", "REGENCY CAKESTAND 3 TIER", "x", "2010-12-01 09:00:00", 12.75),
    ])
    report = data.report
    assert report.rows_read == 5
    assert report.rows_kept + sum(report.skipped.values()) == report.rows_read
    assert report.skipped["duplicate"] == 1
    assert report.skipped["non_product"] == 1
    assert report.skipped["price_not_positive"] == 1
    assert report.skipped["malformed"] == 1
    assert report.rows_kept == 1


def test_anonymous_sales_are_kept_without_a_customer(tmp_path):
    data = clean(tmp_path, [
        uci("1", "22423", "REGENCY CAKESTAND 3 TIER", 2, "2010-12-01 09:00:00", 12.75,
            customer=""),
        uci("2", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-02 09:00:00", 12.75),
    ])
    anonymous = [line for line in data.lines if line.customer_id is None]
    assert len(anonymous) == 1 and anonymous[0].quantity == 2
    assert data.customers == {"17850"}
    assert data.report.anonymous_rows == 1
    assert "22423" in data.products


def test_cancellation_reduces_the_latest_earlier_purchase_of_that_customer(tmp_path):
    data = clean(tmp_path, [
        uci("100", "21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 6, "2010-12-01 09:00:00", 4.25),
        uci("101", "21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 4, "2010-12-03 09:00:00", 4.25),
        uci("C102", "21730", "GLASS STAR FROSTED T-LIGHT HOLDER", -5, "2010-12-04 09:00:00",
            4.25),
        # bought after the return: untouched
        uci("103", "21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 2, "2010-12-05 09:00:00", 4.25),
        # another customer's purchase of the same code: untouched
        uci("104", "21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 3, "2010-12-02 09:00:00", 4.25,
            customer="12583"),
    ])
    quantities = {i: sum(line.quantity for line in lines)
                  for i, lines in by_invoice(data).items()}
    # 5 returned: all 4 of the most recent purchase (101), then 1 of 100
    assert quantities == {"100": 5, "103": 2, "104": 3}
    assert data.report.skipped["return_netted"] == 1
    assert data.report.skipped["fully_returned"] == 1  # invoice 101
    assert data.report.units_returned == 5


def test_return_without_an_earlier_purchase_is_unmatched(tmp_path):
    data = clean(tmp_path, [
        uci("C1", "22086", "PAPER CHAIN KIT 50'S CHRISTMAS", -2, "2010-12-01 09:00:00", 2.95),
        uci("2", "22086", "PAPER CHAIN KIT 50'S CHRISTMAS", 3, "2010-12-02 09:00:00", 2.95),
    ])
    assert [line.quantity for line in data.lines] == [3]
    assert data.report.skipped["return_unmatched"] == 1
    assert data.report.units_unmatched == 2


def test_negative_quantity_without_c_is_netted_too(tmp_path):
    data = clean(tmp_path, [
        uci("1", "22086", "PAPER CHAIN KIT 50'S CHRISTMAS", 10, "2010-12-01 09:00:00", 2.95),
        uci("2", "22086", "PAPER CHAIN KIT 50'S CHRISTMAS", -4, "2010-12-02 09:00:00", 2.95),
        # a stock adjustment note at price 0 is not a return: skipped for its price
        uci("3", "22086", "damaged", -7, "2010-12-02 10:00:00", 0, customer=""),
    ])
    assert [line.quantity for line in data.lines] == [6]
    assert data.report.skipped["return_netted"] == 1
    assert data.report.skipped["price_not_positive"] == 1
    assert data.products["22086"] == "PAPER CHAIN KIT 50'S CHRISTMAS"


def test_anonymous_returns_net_against_anonymous_sales(tmp_path):
    data = clean(tmp_path, [
        uci("1", "22086", "PAPER CHAIN KIT", 5, "2010-12-01 09:00:00", 2.95, customer=""),
        uci("2", "22086", "PAPER CHAIN KIT", 5, "2010-12-01 09:00:00", 2.95),
        uci("C3", "22086", "PAPER CHAIN KIT", -2, "2010-12-02 09:00:00", 2.95, customer=""),
    ])
    quantities = {line.customer_id: line.quantity for line in data.lines}
    assert quantities == {None: 3, "17850": 5}


def test_unit_price_zero_or_negative_is_skipped(tmp_path):
    data = clean(tmp_path, [
        uci("1", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-01 09:00:00", 0),
        uci("2", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-01 09:00:00", -11062.06),
        uci("3", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-01 09:00:00", 0.01),
    ])
    assert [line.invoice for line in data.lines] == ["3"]
    assert data.report.skipped["price_not_positive"] == 2


@pytest.mark.parametrize("code,description", [
    ("POST", "POSTAGE"), ("DOT", "DOTCOM POSTAGE"), ("M", "Manual"), ("m", "Manual"),
    ("C2", "CARRIAGE"), ("D", "Discount"), ("S", "SAMPLES"), ("BANK CHARGES", "Bank Charges"),
    ("AMAZONFEE", "AMAZON FEE"), ("CRUK", "CRUK Commission"), ("PADS", "PADS TO MATCH ALL"),
    ("B", "Adjust bad debt"), ("gift_0001_20", "Dotcomgiftshop Gift Voucher £20.00"),
    ("23444", "Next Day Carriage"), ("NEWFEE", "Handling"), ("SKU-9", "Service charge 10%"),
])
def test_non_product_codes_are_kept_out_of_the_catalogue(tmp_path, code, description):
    data = clean(tmp_path, [
        uci("1", code, description, 1, "2010-12-01 09:00:00", 5),
        uci("1", "23099", "FRENCH CARRIAGE LANTERN", 1, "2010-12-01 09:00:00", 5),
    ])
    assert code.upper() not in data.products
    assert "23099" in data.products  # "carriage" inside a product's name is fine
    assert data.report.skipped["non_product"] == 1


def test_product_rule_is_a_rule_not_a_list():
    # any retailer's code shape is a product: the rule reads the name
    for code in ("85123A", "22423", "DCGS0003", "SKU-123", "TSHIRT-BLUE-M", "4006381333931"):
        assert is_product(code, "BLUE COTTON T-SHIRT")
    assert is_service_name("Next Day Carriage") and is_service_name("Some Gift Voucher £5")
    assert not is_service_name("SET OF TEA COFFEE SUGAR TINS PANTRY")
    assert not is_product("22423", "AMAZON FEE")


def test_exact_duplicates_dropped_but_repeated_items_merged(tmp_path):
    row = uci("1", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-01 09:00:00", 12.75)
    data = clean(tmp_path, [
        row, list(row), list(row),
        uci("1", "22423", "REGENCY CAKESTAND 3 TIER", 2, "2010-12-01 09:00:00", 12.75),
    ])
    assert data.report.skipped["duplicate"] == 2
    # same invoice, code and price, different quantity: one purchase line of 3
    assert [(line.quantity, line.rows) for line in data.lines] == [(3, 2)]


def test_missing_description_filled_from_the_same_code(tmp_path):
    data = clean(tmp_path, [
        uci("1", "22423", "", 1, "2010-12-01 09:00:00", 12.75),
        uci("2", "22423", "REGENCY CAKESTAND 3 TIER", 1, "2010-12-02 09:00:00", 12.75),
        uci("3", "90000", "", 1, "2010-12-02 09:00:00", 1.0),
    ])
    assert data.products["22423"] == "REGENCY CAKESTAND 3 TIER"
    assert data.products["90000"] == "Item 90000"  # no description anywhere
    assert data.report.descriptions_filled == 2


def test_mis_decoded_pound_sign_is_repaired(tmp_path):
    assert repair_text("Dotcomgiftshop Gift Voucher Â£20.00") == \
        "Dotcomgiftshop Gift Voucher £20.00"
    assert repair_text("  RED   MUG ") == "RED MUG"
    data = clean(tmp_path, [
        uci("1", "84000A", "TEA SET Â£5 OFFER", 1, "2010-12-01 09:00:00", 5),
    ])
    assert data.products["84000A"] == "TEA SET £5 OFFER"
    assert data.report.text_repaired == 1


def test_name_is_the_most_frequent_description(tmp_path):
    rows = [uci(str(i), "23236", "DOILEY STORAGE TIN", 1, "2011-01-01 09:00:00", 2)
            for i in range(3)]
    rows += [uci(str(i + 10), "23236", "STORAGE TIN VINTAGE DOILY ", 1, "2011-01-02 09:00:00",
                 2) for i in range(2)]
    rows.append(uci("20", "23236", "damaged", -3, "2011-01-03 09:00:00", 0, customer=""))
    data = clean(tmp_path, rows)
    assert data.products["23236"] == "DOILEY STORAGE TIN"
    assert data.variants["23236"] == ["STORAGE TIN VINTAGE DOILY"]
    assert data.report.products_with_variants == 1


def test_malformed_rows_are_reported_with_line_number_and_the_rest_imported(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(
        ",".join(UCI_HEADER) + "\n"
        "1,22423,REGENCY CAKESTAND,1,2010-12-01 09:00:00,12.75,17850,United Kingdom\n"
        "2,22423,REGENCY CAKESTAND,two,2010-12-01 09:00:00,12.75,17850,United Kingdom\n"
        "3,22423,REGENCY CAKESTAND,1,yesterday,12.75,17850,United Kingdom\n"
        "4,22423,\"A DESCRIPTION\nON TWO LINES\",1,2010-12-01 09:00:00,1,17850,UK\n"
        "5,22423,REGENCY CAKESTAND,1,2010-12-01 09:00:00\n"
        "6,,REGENCY CAKESTAND,1,2010-12-01 09:00:00,12.75,17850,United Kingdom\n"
        "7,22423,REGENCY CAKESTAND,1,2010-12-02 09:00:00,12.75,17850,United Kingdom\n",
        encoding="utf-8",
    )
    seen = []
    data = load_clean(path, on_problem=seen.append)
    assert [(p.line, p.reason) for p in seen] == [
        (3, "quantity 'two' is not a number"),
        (4, "date 'yesterday' is not a date and time (expected YYYY-MM-DD HH:MM:SS)"),
        (7, "5 fields where the header has 8"),
        (8, "no stock code"),
    ]
    assert str(seen[0]) == "line 3: quantity 'two' is not a number"
    assert sorted(line.invoice for line in data.lines) == ["1", "4", "7"]
    assert data.report.skipped["malformed"] == 4
    assert data.report.rows_read == 7


def test_unknown_layout_names_the_expected_columns(tmp_path):
    path = write_csv(tmp_path / "odd.csv", ["date", "item", "qty"], [["x", "y", "1"]])
    with pytest.raises(UnknownLayoutError) as caught:
        load_clean(path)
    message = str(caught.value)
    for column in ("InvoiceNo", "StockCode", "UnitPrice", "CustomerID",
                   "invoice", "customer_id", "sku", "unit_price", "ts"):
        assert column in message
    assert "date, item, qty" in message
    with pytest.raises(UnknownLayoutError):
        list(read_lines(path))
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(UnknownLayoutError, match="empty"):
        load_clean(empty)


def test_neutral_format_any_order_with_extra_columns(tmp_path):
    header = ["ts", "sku", "extra", "invoice", "quantity", "unit_price", "customer_id",
              "description", "country"]
    path = write_csv(tmp_path / "tx.csv", header, [
        ["2011-03-04T10:15:00", "22423", "x", "T1", "2", "12.75", "C-9", "CAKESTAND", "France"],
        ["2011-03-04T11:00:00+01:00", "22423", "y", "T2", "1", "12.75", "", "CAKESTAND", ""],
    ])
    data = load_clean(path)
    assert data.report.layout == "neutral"
    first, second = sorted(data.lines, key=lambda line: line.invoice)
    assert (first.customer_id, first.quantity, first.country) == ("C-9", 2, "France")
    assert first.ts == datetime(2011, 3, 4, 10, 15)
    assert second.customer_id is None
    assert second.ts == datetime(2011, 3, 4, 10, 0)  # converted to UTC


def test_gzip_and_plain_files_read_the_same(tmp_path):
    rows = [uci(str(i), "22423", "REGENCY CAKESTAND 3 TIER", i + 1, "2010-12-01 09:00:00",
                12.75, customer=str(12000 + i % 3)) for i in range(50)]
    plain = load_clean(write_csv(tmp_path / "a.csv", UCI_HEADER, rows))
    # a gzipped file is recognised by its content, whatever its name
    zipped = load_clean(write_csv(tmp_path / "b.csv", UCI_HEADER, rows, gz=True))
    assert plain.lines == zipped.lines and plain.products == zipped.products
    assert zipped.report.rows_read == 50


def test_customer_ids_from_spreadsheets_are_normalised(tmp_path):
    data = clean(tmp_path, [
        uci("1", "22423", "CAKESTAND", 1, "2010-12-01 09:00:00", 12.75, customer="17850.0"),
        uci("2", "22423", "CAKESTAND", 1, "12/1/2010 8:26", 12.75, customer="17850"),
    ])
    assert data.customers == {"17850"}
    assert min(line.ts for line in data.lines) == datetime(2010, 12, 1, 8, 26)


@pytest.mark.slow
def test_full_online_retail_file():
    from conftest import ONLINE_RETAIL

    if not ONLINE_RETAIL.exists():
        pytest.skip("../shared/data/online_retail.csv.gz is not here")
    data = load_clean(ONLINE_RETAIL)
    report = data.report
    assert report.rows_read == 541_909
    assert report.skipped["duplicate"] == 5_268  # as counted in the data README
    assert report.rows_kept + sum(report.skipped.values()) == report.rows_read
    assert 4_300 <= len(data.customers) <= 4_338
    assert 3_600 <= len([s for s in data.products]) <= 3_900
    assert report.text_repaired == 32
    assert not any(name.startswith(("POSTAGE", "Manual")) for name in data.products.values())


# -- properties ----------------------------------------------------------------

row_strategy = st.tuples(
    st.sampled_from(["1", "2", "C3", "4"]),  # invoice
    st.sampled_from(["", "12001", "12002"]),  # customer
    st.sampled_from(["22423", "85123A", "POST"]),  # code
    st.integers(min_value=-6, max_value=6),  # quantity
    st.sampled_from([-1.0, 0.0, 1.5, 2.25]),  # price
    st.sampled_from(["2011-01-01T10:00:00", "2011-01-02T10:00:00", "2011-01-03T10:00:00"]),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(row_strategy, max_size=25))
def test_every_row_is_accounted_for_and_units_are_conserved(tmp_path, rows):
    path = write_csv(tmp_path / "prop.csv", NEUTRAL_HEADER, [
        [invoice, customer, sku, "POSTAGE" if sku == "POST" else f"ITEM {sku}", str(qty),
         str(price), ts, "UK"]
        for invoice, customer, sku, qty, price, ts in rows
    ])
    data = load_clean(path)
    report = data.report
    assert report.rows_read == len(rows)
    assert report.rows_kept + sum(report.skipped.values()) == report.rows_read
    assert all(line.quantity > 0 and line.unit_price > 0 for line in data.lines)
    assert "POST" not in data.products
    bought = sum(qty for _, _, sku, qty, price, _ in set(rows)
                 if sku != "POST" and price > 0 and qty > 0)
    assert sum(line.quantity for line in data.lines) + report.units_returned == bought
