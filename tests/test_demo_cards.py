"""The demo store's dates and cards: recent dates, one card folder per database, `make run`."""

from __future__ import annotations

import csv
import gzip
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import build_once

from kiosk import demo

REPO = Path(__file__).resolve().parent.parent


def kiosk_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_CONFIG": ""}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _two_stores(folder: Path) -> dict[str, str]:
    for name in ("north.db", "south.db"):
        done = kiosk_cli("demo", "--db", name, cwd=folder)
        assert done.returncode == 0, done.stderr
    return {"today": datetime.now(UTC).date().isoformat()}


@pytest.fixture(scope="module")
def two_stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Two demo stores built by `kiosk demo` in one folder."""
    return build_once(tmp_path_factory, "two_demo_stores", _two_stores)


def read_rows(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_shifted_sample_moves_every_date_by_the_same_days(tmp_path):
    original = read_rows(demo.sample_path())
    shifted = read_rows(demo.write_shifted_sample(tmp_path / "s.csv.gz", 5000))
    column = original[0].index("ts")
    assert shifted[0] == original[0] and len(shifted) == len(original)
    for before, after in zip(original[1:], shifted[1:], strict=True):
        moved = datetime.fromisoformat(after[column]) - datetime.fromisoformat(before[column])
        assert moved == timedelta(days=5000)
        assert before[:column] + before[column + 1:] == after[:column] + after[column + 1:]


def test_the_latest_demo_purchase_is_yesterday(two_stores):
    folder, built = two_stores
    today = datetime.fromisoformat(built["today"]).date()
    latest_in_sample = demo.sample_latest()
    with sqlite3.connect(folder / "north.db") as db:
        latest = db.execute("SELECT max(ts) FROM purchases").fetchone()[0]
        shift = int(db.execute("SELECT value FROM meta WHERE key = ?",
                               [demo.DATE_SHIFT_KEY]).fetchone()[0])
    assert datetime.fromisoformat(latest).date() == today - timedelta(days=1)
    assert datetime.fromisoformat(latest) == latest_in_sample + timedelta(days=shift)


def test_two_demo_stores_in_one_folder_keep_their_own_cards(two_stores):
    folder, _ = two_stores
    north, south = folder / "north-cards", folder / "south-cards"
    names = ["anna.png", "ben.png", "chloe.png"]
    assert sorted(p.name for p in north.iterdir()) == names
    assert sorted(p.name for p in south.iterdir()) == names
    assert not (folder / "cards").exists()
    for name in names:  # each store's cards carry its own codes
        assert (north / name).read_bytes() != (south / name).read_bytes()


def test_make_run_prints_the_card_paths_and_how_to_scan(two_stores):
    folder, _ = two_stores
    done = kiosk_cli("demo", "--db", "south.db", "--cards", cwd=folder)
    assert done.returncode == 0, done.stderr
    for name in ("anna.png", "ben.png", "chloe.png"):
        assert f"south-cards/{name}" in done.stdout
    assert done.stdout.count("long code  PSK") == 3
    assert "type the short code on the kiosk's keypad" in done.stdout
    assert "xdotool type --delay 5" in done.stdout
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    run_target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "kiosk demo --db $(DEMO_DB) --cards" in run_target
