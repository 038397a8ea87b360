"""Training: ``kiosk train``, versioned artefacts, progress, loading without retraining."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_recommend_support import ALICE, NOW, build_shop

from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.recommend import artefacts


def test_train_keeps_versioned_artefacts_and_reports_progress(kiosk):
    build_shop(kiosk)
    steps = []
    summary = kiosk.recommendations.train(progress=lambda f, m: steps.append((f, m)))
    assert summary["version"] == 1
    assert steps[-1] == (1.0, "done")
    assert all(0.0 <= f <= 1.0 for f, _ in steps)
    assert [f for f, _ in steps] == sorted(f for f, _ in steps)
    assert any("fitting goes_with" in m for _, m in steps)
    rows = artefacts.runs(kiosk.db)
    names = {r["name"] for r in rows}
    assert names == {"_blend", "buy_again", "collaborative", "content", "goes_with",
                     "popular", "seasonal", "trending"}  # staff picks: nothing to store
    lantern = next(r for r in rows if r["name"] == "goes_with")
    assert lantern["window"] == {"start": "2024-02-01T09:00:00",
                                 "end": "2024-06-29T09:00:00"}
    assert lantern["parameters"]["neighbours"] == 100
    assert lantern["bytes"] > 0 and lantern["trained"]
    assert lantern["metrics"]["fit_seconds"] >= 0
    blend = next(r for r in rows if r["name"] == "_blend")
    assert set(blend["parameters"]) == {"all", "new", "guest"}


def test_a_new_kiosk_loads_the_latest_models_without_training(kiosk):
    build_shop(kiosk)
    first = kiosk.recommendations.shelves(ALICE, session_id="s", now=NOW)
    assert artefacts.latest_version(kiosk.db) == 1
    again = Kiosk(kiosk.config, entrypoints=False)
    try:
        assert again.recommendations.shelves(ALICE, session_id="s", now=NOW) == first
        assert artefacts.latest_version(again.db) == 1
    finally:
        again.close()


def test_only_the_last_versions_are_kept(kiosk):
    build_shop(kiosk)
    for _ in range(artefacts.KEEP_VERSIONS + 2):
        version = kiosk.recommendations.train()["version"]
    assert version == artefacts.KEEP_VERSIONS + 2
    versions = {r[0] for r in kiosk.db.execute("SELECT DISTINCT version FROM model_artefacts")}
    assert versions == set(range(3, version + 1))


def test_kiosk_train_command(kiosk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_shop(kiosk)
    path = str(kiosk.store.path)
    result = CliRunner().invoke(cli, ["train", "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["failed"] == []
    assert "fitting buy_again" in result.stderr
    text = CliRunner().invoke(cli, ["train", "--db", path, "--quiet"])
    assert text.exit_code == 0
    assert text.stdout.startswith("Trained model version 2 on 54 purchase lines")


def test_kiosk_train_on_an_empty_store_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["train", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 1
    assert "no purchases to learn from" in result.output
