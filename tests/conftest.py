"""Shared fixtures. Qt runs offscreen; this is set before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from kiosk.config import Config

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
ONLINE_RETAIL = SHARED_DATA / "online_retail.csv.gz"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """A config whose database is a fresh file in tmp_path."""
    return Config(database=str(tmp_path / "kiosk.db"), store_id="store-1",
                  store_name="Test Store", kiosk_id="kiosk-test")


@pytest.fixture
def kiosk(config: Config):
    """A migrated Kiosk on a real SQLite file, with the built-in plugins only."""
    from kiosk.app import Kiosk

    instance = Kiosk(config, entrypoints=False)
    yield instance
    instance.close()
