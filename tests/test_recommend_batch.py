"""``kiosk recommend-batch`` end to end on a small transactions CSV (no database)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import cli

HEADER = "invoice,customer_id,sku,description,quantity,unit_price,ts,country\n"
GUEST_CODES = {"popular_here", "trending", "seasonal"}


def write_inputs(folder: Path) -> tuple[Path, Path]:
    rows = []
    for i in range(6):  # 17001 buys tea and biscuits every week
        day = f"2024-03-{1 + 7 * i:02d}T10:00:00"
        rows.append(f"T{i},17001,10001,BREAKFAST TEA,2,2.00,{day},United Kingdom")
        rows.append(f"T{i},17001,10002,BUTTER BISCUITS,1,1.50,{day},United Kingdom")
    for i in range(4):  # tea buyers also buy the teapot
        rows.append(f"P{i},1710{i},10001,BREAKFAST TEA,1,2.00,2024-03-2{i}T09:00:00,France")
        rows.append(f"P{i},1710{i},10003,WHITE TEAPOT,1,9.00,2024-03-2{i}T09:00:00,France")
    for i in range(8):  # anonymous sales of the mug
        rows.append(f"M{i},,10004,RED MUG,1,2.50,2024-04-0{1 + i % 8}T12:00:00,United Kingdom")
    rows.append("C1,17001,10002,BUTTER BISCUITS,-1,1.50,2024-04-10T10:00:00,United Kingdom")
    train = folder / "train.csv"
    train.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    customers = folder / "customers.txt"
    customers.write_text("17001\n17100\n\nUNKNOWN-9\n17001\n", encoding="utf-8")
    return train, customers


def run(folder: Path, *extra: str) -> tuple[list[dict[str, str]], dict]:
    train, customers = write_inputs(folder)
    out = folder / "out" / "picks.csv"
    result = CliRunner().invoke(cli, ["recommend-batch", "--train", str(train), "--customers",
                                      str(customers), "--k", "3", "--out", str(out), "--json",
                                      *extra])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["customer_id", "rank", "sku", "score", "reason"]
        return list(reader), json.loads(result.stdout)


def picks_of(rows, customer):
    return [r for r in rows if r["customer_id"] == customer]


def test_recommend_batch_writes_ranked_picks_with_reasons(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows, summary = run(tmp_path)
    assert summary["customers"] == 3 and summary["known"] == 2 and summary["guests"] == 1
    assert [r["customer_id"] for r in rows][::3] == ["17001", "17100", "UNKNOWN-9"]
    regular = picks_of(rows, "17001")
    assert [r["rank"] for r in regular] == ["1", "2", "3"]
    assert regular[0]["sku"] in {"10001", "10002"} and regular[0]["reason"] == "buy_again"
    scores = [float(r["score"]) for r in regular]
    assert scores == sorted(scores, reverse=True)
    stranger = picks_of(rows, "UNKNOWN-9")
    assert stranger and {r["reason"] for r in stranger} <= GUEST_CODES
    assert stranger[0]["sku"] == "10004"  # the anonymous bestseller
    assert summary["rows"] == len(rows)
    assert not list(tmp_path.glob("*.db"))  # no kiosk database anywhere
    assert not list((tmp_path / "out").glob("*.partial"))


def test_recommend_batch_exclude_purchased_gives_only_new_items(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows, summary = run(tmp_path, "--exclude-purchased")
    assert summary["exclude_purchased"] is True
    regular = picks_of(rows, "17001")
    assert regular and not {r["sku"] for r in regular} & {"10001", "10002"}
    assert regular[0]["sku"] == "10003"  # the teapot that goes with the tea
    assert "10001" not in {r["sku"] for r in picks_of(rows, "17100")}
    assert {r["reason"] for r in picks_of(rows, "UNKNOWN-9")} <= GUEST_CODES


def test_recommend_batch_reads_gzip_and_reports_bad_files(tmp_path, monkeypatch):
    import gzip

    monkeypatch.chdir(tmp_path)
    train, customers = write_inputs(tmp_path)
    packed = tmp_path / "train.csv.gz"
    packed.write_bytes(gzip.compress(train.read_bytes()))
    out = tmp_path / "gz.csv"
    result = CliRunner().invoke(cli, ["recommend-batch", "--train", str(packed), "--customers",
                                      str(customers), "--k", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stdout and out.exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("what,is,this\n1,2,3\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["recommend-batch", "--train", str(bad), "--customers",
                                      str(customers), "--out", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert "bad.csv" in result.output and not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("k", ["0", "many"])
def test_recommend_batch_checks_k(tmp_path, k):
    train, customers = write_inputs(tmp_path)
    result = CliRunner().invoke(cli, ["recommend-batch", "--train", str(train), "--customers",
                                      str(customers), "--k", k, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2


def test_recommend_batch_with_nothing_left_after_cleaning_says_so(tmp_path):
    train = tmp_path / "fees.csv"
    train.write_text(HEADER + "1,17001,POST,POSTAGE,1,5.00,2024-01-01T10:00:00,UK\n",
                     encoding="utf-8")
    customers = tmp_path / "ids.txt"
    customers.write_text("17001\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["recommend-batch", "--train", str(train), "--customers",
                                      str(customers), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert "no purchase lines left after cleaning" in result.output
    assert "non_product" in result.output
