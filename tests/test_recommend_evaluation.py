"""Evaluation: the metrics on hand-computed cases, the time split, ``kiosk evaluate``."""

from __future__ import annotations

import json
import math
from datetime import datetime

import pytest
from click.testing import CliRunner
from test_recommend_support import build_shop

from kiosk.cli import cli
from kiosk.plugins import make_plugin_manager
from kiosk.recommend.evaluation import evaluate
from kiosk.recommend.metrics import hit_rate_at_k, ndcg_at_k, recall_at_k
from kiosk.recommend.registry import collect_recommenders
from kiosk.recommend.snapshot import from_lines
from kiosk.recommend.types import day_number


def test_ndcg_recall_hit_rate_by_hand():
    ranked = ["a", "b", "c", "d"]
    relevant = {"b", "d", "x"}
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k(ranked, relevant, 10) == pytest.approx(dcg / ideal)
    assert ndcg_at_k(ranked, relevant, 10) == pytest.approx(0.498189, abs=1e-6)
    assert recall_at_k(ranked, relevant, 10) == pytest.approx(2 / 3)
    assert hit_rate_at_k(ranked, relevant, 10) == 1.0


def test_metrics_cut_at_k_and_ideal_uses_at_most_k():
    ranked = [f"x{i}" for i in range(10)] + ["hit"]
    assert ndcg_at_k(ranked, {"hit"}, 10) == 0.0
    assert hit_rate_at_k(ranked, {"hit"}, 10) == 0.0
    assert ndcg_at_k(ranked, {"hit"}, 11) == pytest.approx((1 / math.log2(12)) / 1.0)
    # 12 relevant items, all 10 places right: a perfect 1.0, not 10/12
    many = [f"r{i}" for i in range(12)]
    assert ndcg_at_k(many, set(many), 10) == pytest.approx(1.0)
    assert recall_at_k(many, set(many), 10) == pytest.approx(10 / 12)
    assert ndcg_at_k(["a"], set(), 10) == 0.0


def tiny_snapshot():
    d = datetime
    lines = [("1", "u1", "A", d(2024, 1, 1)), ("2", "u1", "B", d(2024, 1, 3)),
             ("3", "u1", "A", d(2024, 1, 5)), ("4", "u2", "C", d(2024, 1, 2)),
             ("9", "u1", "A", d(2024, 2, 2)), ("10", "u2", "D", d(2024, 2, 3)),
             ("11", "u3", "A", d(2024, 2, 4))]  # u3 only after: not a test customer
    lines += [(f"z{i}", None, "D", d(2024, 1, 10 + i)) for i in range(5)]
    return from_lines(lines)


def test_evaluate_on_a_tiny_known_case():
    snapshot = tiny_snapshot()
    recommenders = collect_recommenders(make_plugin_manager(entrypoints=False), None)
    result = evaluate(snapshot, day_number(datetime(2024, 2, 1)), recommenders, k=10)
    assert result["test_customers"] == 2
    # buy-again alone: u1 gets A first (hit), u2 only has C (miss)
    assert result["recommenders"]["buy_again"]["all"]["ndcg@10"] == pytest.approx(0.5)
    assert result["recommenders"]["buy_again"]["new"]["customers"] == 1  # u1 has nothing new
    # baselines: buy-again then popularity; popularity counts the anonymous baskets
    base = result["baselines"]
    half_hit = (1 + 1 / math.log2(3)) / 2
    assert base["buy_again"]["all"]["ndcg@10"] == pytest.approx(half_hit, abs=1e-4)
    assert base["popularity"]["all"]["ndcg@10"] == pytest.approx(half_hit, abs=1e-4)
    assert base["popularity"]["new"]["ndcg@10"] == pytest.approx(1.0)
    assert base["popularity"]["all"]["hit_rate@10"] == 1.0
    assert base["popularity"]["coverage"] == pytest.approx(1.0)  # 4 items shown of 4
    assert result["blend"]["all"]["ndcg@10"] >= 0.5
    assert set(result["recommenders"]) == {"buy_again", "collaborative", "content",
                                           "goes_with", "popular", "seasonal", "trending"}


def store_path(kiosk):
    build_shop(kiosk)
    path = str(kiosk.store.path)
    kiosk.close()
    return path


def test_kiosk_evaluate_command(kiosk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = store_path(kiosk)
    result = CliRunner().invoke(cli, ["evaluate", "--cutoff", "2024-05-01", "--db", path,
                                      "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["cutoff"] == "2024-05-01"
    assert data["test_customers"] >= 1
    for section in ("blend", "recommenders", "baselines"):
        assert section in data
    assert set(data["blend"]["all"]) == {"ndcg@10", "recall@10", "hit_rate@10", "customers"}
    table = CliRunner().invoke(cli, ["evaluate", "--cutoff", "2024-05-01", "--db", path])
    assert table.exit_code == 0
    assert "baseline popularity" in table.stdout and "blend" in table.stdout


def test_kiosk_evaluate_refuses_a_cutoff_outside_the_data(kiosk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = store_path(kiosk)
    result = CliRunner().invoke(cli, ["evaluate", "--cutoff", "2030-01-01", "--db", path])
    assert result.exit_code == 1
    assert "must fall inside the store's purchases" in result.output
    result = CliRunner().invoke(cli, ["evaluate", "--cutoff", "last tuesday", "--db", path])
    assert result.exit_code == 2
    assert "not a date" in result.output
