"""The demo store: the bundled sample, its attribution, simulated stock, idempotency."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from click.testing import CliRunner
from test_import import UCI_HEADER, uci, write_csv

from kiosk import demo
from kiosk.cli import cli


def test_sample_is_small_neutral_and_attributed():
    path = demo.sample_path()
    assert path.exists() and path.stat().st_size < 1_000_000
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        assert handle.readline().strip() == ",".join(demo.NEUTRAL_HEADER)
    attribution = (path.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in attribution
    assert "Daqing Chen, Sai Liang Sain, Kun Guo" in attribution
    assert "kiosk demo --make-sample" in attribution


def test_simulated_stock_is_deterministic_and_plausible():
    assert demo.simulated_stock("85123A", "candles_lights") == \
        demo.simulated_stock("85123A", "candles_lights")
    quantities = [demo.simulated_stock(f"{20000 + i}", "kitchen")[0] for i in range(600)]
    assert all(0 <= q <= 40 for q in quantities)
    assert 0.02 < quantities.count(0) / len(quantities) < 0.2  # some out of stock
    location = demo.simulated_stock("22423", "kitchen")[1]
    assert re.fullmatch(r"Aisle \d+, bay [1-8]", location)
    # one aisle per theme
    assert {demo.simulated_stock(f"{i}", "bags")[1].split(",")[0] for i in range(50)} == \
        {"Aisle 7"}


def table(kiosk, sql: str):
    return kiosk.db.execute(sql).fetchall()


def test_build_demo_store_and_run_it_again(kiosk):
    summary = demo.build_demo_store(kiosk)
    assert summary["import"]["customers"] >= 200
    assert summary["stock"]["simulated"] is True and "simulated" in summary["stock"]["note"]
    assert summary["totals"]["stock"] == summary["totals"]["products"] > 1000
    assert summary["catalogue"]["theme_share"] > 0.8
    assert table(kiosk, "SELECT DISTINCT simulated FROM stock") == [(1,)]
    assert table(kiosk, "SELECT count(*) FROM stock WHERE location IS NULL") == [(0,)]
    # only the demo shoppers have consented; the other till members never were asked
    shoppers = summary["shoppers"]
    assert [s["first_name"] for s in shoppers] == list(demo.DEMO_FIRST_NAMES)
    assert table(kiosk, "SELECT count(DISTINCT customer_id) FROM consents") == [(len(shoppers),)]
    for shopper in shoppers:
        assert kiosk.identity.verify(shopper["short_code"]).customer_id == shopper["customer_id"]
        assert kiosk.privacy.consented(shopper["customer_id"], "personalisation")
        assert Path(shopper["card"]).exists()
    stock = table(kiosk, "SELECT * FROM stock ORDER BY sku")
    purchases = table(kiosk, "SELECT * FROM purchases ORDER BY id")
    again = demo.build_demo_store(kiosk)
    assert again == summary
    assert table(kiosk, "SELECT * FROM stock ORDER BY sku") == stock
    assert table(kiosk, "SELECT * FROM purchases ORDER BY id") == purchases

    # real stock (simulated = 0) is never overwritten by the simulation
    sku = table(kiosk, "SELECT sku FROM stock ORDER BY sku LIMIT 1")[0][0]
    kiosk.db.execute("UPDATE stock SET quantity = 999, simulated = 0 WHERE sku = ?", [sku])
    demo.generate_stock(kiosk)
    assert table(kiosk, f"SELECT quantity, simulated FROM stock WHERE sku = '{sku}'") == \
        [(999, 0)]


def test_make_sample_picks_rich_histories_and_is_reproducible(tmp_path):
    rows = []
    for customer in range(12):  # customers 0-5: 5 invoices each; 6-11: one invoice
        invoices = 5 if customer < 6 else 1
        for n in range(invoices):
            rows.append(uci(f"{customer}{n:02}", "22423", "REGENCY CAKESTAND 3 TIER", 1,
                            f"2011-01-{n + 1:02} 10:00:00", 12.75, customer=str(13000 + customer)))
    rows.append(uci("C9999", "22423", "REGENCY CAKESTAND 3 TIER", -1, "2011-02-01 10:00:00",
                    12.75, customer="13000"))
    rows.append(uci("5555", "22423", "REGENCY CAKESTAND 3 TIER", 2, "2011-02-01 10:00:00",
                    12.75, customer=""))
    source = write_csv(tmp_path / "retail.csv", UCI_HEADER, rows)
    first = demo.make_sample(source, tmp_path / "a.csv.gz", customers=3, anonymous_invoices=1)
    second = demo.make_sample(source, tmp_path / "b.csv.gz", customers=3, anonymous_invoices=1)
    assert (tmp_path / "a.csv.gz").read_bytes() == (tmp_path / "b.csv.gz").read_bytes()
    assert first["customers"] == 3 and first["anonymous_invoices"] == 1
    with gzip.open(tmp_path / "a.csv.gz", "rt") as handle:
        lines = handle.read().splitlines()[1:]
    customers = {line.split(",")[1] for line in lines}
    assert len(customers - {""}) == 3
    assert all(int(c) < 13006 for c in customers - {""})  # only rich histories
    assert first["rows"] == second["rows"] == len(lines)


def test_cli_demo_json_and_missing_source(tmp_path):
    db = tmp_path / "demo" / "kiosk.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["stock"]["simulated"] is True
    text = CliRunner().invoke(cli, ["demo", "--db", str(db)]).stdout
    assert "SIMULATED" in text
    missing = CliRunner().invoke(cli, ["demo", "--make-sample", "--source",
                                       str(tmp_path / "nope.csv.gz")])
    assert missing.exit_code != 0 and "source data not found" in missing.stderr
