"""Fault test: nothing lost, nothing counted twice, each kiosk's order intact.

A real head office (``kiosk hq serve`` in a subprocess, SQLite or
PostgreSQL) that drops connections and answers 500 at random (before and
after committing), is SIGKILLed and restarted 5 times; two kiosks whose
``kiosk sync`` processes are SIGKILLed at random moments 5 times, while
shoppers keep adding events. In the end head office holds exactly the
10,000 events the kiosks wrote, each once, in each kiosk's order.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hqserver import ChildProcess, HQProcess, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.hq.storage import open_storage
from kiosk.sync.simulate import simulate

KIOSKS = ("till-a", "till-b")
PER_KIOSK = 5000
CHUNK = 250


def seed(kiosk: Kiosk) -> None:
    with kiosk.transaction() as db:
        for i in range(40):
            db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.0)",
                       [f"SKU{i}", f"Product {i}"])
        for i in range(15):
            db.execute("INSERT INTO customers (id, created) VALUES (?, 'x')", [f"C{i}"])
            db.execute("INSERT INTO consents (customer_id, purpose, granted, at, source) "
                       "VALUES (?, 'personalisation', 1, 'x', 'test')", [f"C{i}"])


def write_config(folder: Path, name: str, url: str, token: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        f'database = "{folder / name}.db"\nkiosk_id = "{name}"\nhq_url = "{url}"\n'
        f'hq_token = "{token}"\n\n[plugins.sync]\nbatch_size = 100\ninterval = 0.05\n'
        "max_wait = 0.05\nbackoff_base = 0.05\nbackoff_cap = 0.4\nkeep_sent = 1000000\n"
    )
    return path


class SyncProcess(ChildProcess):
    def __init__(self, config: Path, log: Path):
        self.config, self.log = config, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**os.environ, "KIOSK_CONFIG": str(self.config)}
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "kiosk", "sync"], env=env,
                                            stdout=subprocess.DEVNULL, stderr=out)



def queue_depth(kiosk: Kiosk) -> int:
    return kiosk.db.execute("SELECT count(*) FROM outbox WHERE sent IS NULL").fetchone()[0]


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_faults_lose_nothing_and_count_nothing_twice(backend, tmp_path, request):
    database = (str(tmp_path / "hq.db") if backend == "sqlite"
                else request.getfixturevalue("pg_url"))
    storage = open_storage(database)
    tokens = {name: storage.add_kiosk(name, store_id="store-1") for name in KIOSKS}
    storage.close()
    hq = HQProcess(database, faults="drop=0.1,error=0.1,seed=11", log=tmp_path / "hq.log")
    hq.start()
    kiosks, syncs = {}, {}
    for name in KIOSKS:
        config_path = write_config(tmp_path, name, hq.url, tokens[name])
        kiosk = Kiosk(Config(database=str(tmp_path / f"{name}.db"), kiosk_id=name),
                      entrypoints=False)
        seed(kiosk)
        kiosks[name] = kiosk
        syncs[name] = SyncProcess(config_path, tmp_path / f"{name}.log")
        syncs[name].start()

    def shoppers(name: str, seed_base: int) -> None:
        kiosk = kiosks[name]  # one connection per thread: the Store makes it
        for chunk in range(PER_KIOSK // CHUNK):
            simulate(kiosk, CHUNK, seed=seed_base + chunk)
            time.sleep(0.3)

    writers = [threading.Thread(target=shoppers, args=(name, i * 1000))
               for i, name in enumerate(KIOSKS)]
    rng = random.Random(2024)
    started = time.monotonic()
    kills = {"hq": 0, "sync": 0}

    def chaos(target: str, moments: list[float]) -> None:
        for at in sorted(moments):
            time.sleep(max(0.0, at - (time.monotonic() - started)))
            if target == "hq":
                hq.kill()
                time.sleep(rng.uniform(0.0, 0.4))  # head office is down a while
                hq.start()
            else:
                victim = syncs[rng.choice(KIOSKS)]
                victim.kill()
                victim.start()
            kills[target] += 1

    # head office and the sync processes are killed independently, at random moments
    agents = [threading.Thread(target=chaos, args=(target, [rng.uniform(0.3, 7.0)
                                                             for _ in range(5)]))
              for target in ("hq", "sync")]
    try:
        for thread in writers + agents:
            thread.start()
        for agent in agents:
            agent.join(120)
        chaos_done = time.monotonic() - started
        for writer in writers:
            writer.join(60)
        written_at = time.monotonic() - started
        deadline = time.monotonic() + 60
        while any(queue_depth(k) for k in kiosks.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert all(queue_depth(k) == 0 for k in kiosks.values()), "the queues did not drain"
    finally:
        for process in syncs.values():
            process.stop()
        hq.stop()

    assert kills == {"hq": 5, "sync": 5}
    storage = open_storage(database)
    try:
        stored = storage.event_uuids()
        written = {r[0] for k in kiosks.values() for r in k.db.execute("SELECT uuid FROM outbox")}
        assert len(written) == 2 * PER_KIOSK
        assert len(stored) == 2 * PER_KIOSK  # none twice ...
        assert set(stored) == written        # ... and none lost
        for name in KIOSKS:
            assert storage.kiosk_sequence(name) == list(range(1, PER_KIOSK + 1))
        stats = storage.stats()
        assert sum(k["events"] for k in stats["kiosks"].values()) == 2 * PER_KIOSK
        assert all(k["out_of_order"] == 0 for k in stats["kiosks"].values())
        # the faults did make kiosks resend what head office already had
        assert stats["totals"]["duplicates_ignored"] > 0
        print(f"\n{backend}: chaos over at {chaos_done:.1f} s, all written at {written_at:.1f} s, "
              f"all stored at {time.monotonic() - started:.1f} s, "
              f"{stats['totals']['duplicates_ignored']} duplicates ignored")
    finally:
        storage.close()
        for kiosk in kiosks.values():
            kiosk.close()
