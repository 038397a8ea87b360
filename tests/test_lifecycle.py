"""A Kiosk closes everything it opened: sync thread, recommender workers, HTTP client, store.

Against a real head office (uvicorn on 127.0.0.1, SQLite storage) and a real
SQLite kiosk file.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator

import pytest
from hqserver import ThreadedHQ
from test_recommend_support import ALICE, NOW, build_shop, skus

from kiosk.app import Kiosk
from kiosk.hq.storage import open_storage
from kiosk.sync.simulate import simulate


@pytest.fixture
def hq(tmp_path) -> Iterator[ThreadedHQ]:
    storage = open_storage(str(tmp_path / "hq.db"))
    server = ThreadedHQ(storage).start()
    yield server
    server.stop()
    storage.close()


def threads_left(before: set[threading.Thread], wait: float = 5.0) -> list[str]:
    """Names of threads started since ``before`` still alive after up to ``wait`` s.

    Head office's own request threads (AnyIO's pool, in this process) are not the kiosk's.
    """
    deadline = time.monotonic() + wait
    while True:
        extra = [t.name for t in threading.enumerate() if t not in before and t.is_alive()
                 and not t.name.startswith("AnyIO")]
        if not extra or time.monotonic() > deadline:
            return extra
        time.sleep(0.02)


def busy_kiosk(config, hq: ThreadedHQ) -> Kiosk:
    token = hq.storage.add_kiosk(config.kiosk_id, store_id=config.store_id)
    kiosk = Kiosk(config.with_overrides(hq_url=hq.url, hq_token=token), entrypoints=False)
    build_shop(kiosk)
    assert skus(kiosk.recommendations.shelves(ALICE, session_id="s", now=NOW))
    simulate(kiosk, 50, seed=3)
    assert kiosk.sync.run_once()["ok"]
    kiosk.sync.start()
    return kiosk


def test_close_ends_threads_pools_clients_and_connections(config, hq):
    before = set(threading.enumerate())
    kiosk = busy_kiosk(config, hq)
    # this kiosk's (an earlier test's kiosk in this process may still be closing its own)
    workers = [t for t in threading.enumerate() if t.name == "recommender" and t not in before]
    assert workers and kiosk.sync.running
    client = kiosk.sync.transport()._client
    connections = list(kiosk.store._all)
    assert not client.is_closed

    kiosk.close()

    assert threads_left(before) == []
    assert not any(t.is_alive() for t in workers)
    assert client.is_closed
    for db in connections:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            db.execute("SELECT 1")
    kiosk.close()  # closing twice is harmless


def test_kiosk_is_a_context_manager(config, hq):
    before = set(threading.enumerate())
    with busy_kiosk(config, hq) as kiosk:
        client = kiosk.sync.transport()._client
    assert client.is_closed and not kiosk.sync.running
    assert threads_left(before) == []


def test_a_service_joins_the_close_when_it_is_created(config):
    """Services are made on first use; what they open is closed all the same, and a
    kiosk that never made them closes only its store."""
    closed: list[str] = []
    kiosk = Kiosk(config, entrypoints=False)
    kiosk.on_close(lambda: closed.append("first"))
    kiosk.recommendations  # noqa: B018
    kiosk.on_close(lambda: closed.append("last"))
    kiosk.close()
    kiosk.close()
    assert closed == ["last", "first"]  # newest first, each once
    assert kiosk.recommendations.isolator._pool is None
    plain = Kiosk(config, entrypoints=False)
    plain.close()
    assert "sync" not in vars(plain) and "recommendations" not in vars(plain)


def test_a_service_is_reported_only_once_started(tmp_path):
    from kiosk.app import Kiosk
    from kiosk.config import Config

    with Kiosk(Config(database=str(tmp_path / "k.db")), entrypoints=False) as kiosk:
        kiosk.record_event("help_requested", {"screen": "attract"})  # notifies no sync
        assert kiosk.service_if_started("sync") is None
        service = kiosk.sync
        assert kiosk.service_if_started("sync") is service
        with pytest.raises(ValueError, match="no service named"):
            kiosk.service_if_started("nope")
