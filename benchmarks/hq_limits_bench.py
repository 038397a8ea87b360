"""Head office's request limits: the largest body it accepts, and its memory under abuse.

Prints one JSON object. Every scenario runs against a fresh ``python -m kiosk.hq
serve`` (SQLite, one worker) in a subprocess, warmed up with one request of each
kind; its resident memory (RSS, psutil, sampled every 2 ms) is measured while the
bodies are streamed at it with httpx (chunked, no Content-Length, so head office
cannot refuse them by their declared size). Figures:

- ``largest_accepted``: found by bisection with bodies head office must accept (an
  empty batch padded with blanks): the largest plain body, the largest gzip body
  as sent (gzip level 0, which does not shrink) and the largest once inflated;
- ``full_batch``: a kiosk's batch of 10,000 simulated events (the most a batch may
  hold), plain and gzip as the kiosk sends it, its answers and headroom under the caps;
- ``gzip_bomb_1gib``: 1 GiB of zeros gzipped (about 1 MB), and ``gzip_1gib_sent``:
  1 GiB sent (gzip level 0), to ``POST /healthz`` and ``POST /v1/events`` without a
  token, and with a kiosk's token: the answers, peak RSS growth, and how much of the
  body the client got to send with a token before head office answered;
- ``parallel_4x256mib``: four 256 MiB bodies at once with a kiosk's token, plain
  (blanks after the start of a batch), gzip (256 MiB once inflated) and gzip level 0
  (256 MiB as sent);
- ``declared_10gib``: a request head declaring a 10 GiB body, sent without its
  body, with and without a token: the answer and how long it took.

Target: peak RSS growth <= 100 MiB everywhere, with the expected answers.

    .venv/bin/python benchmarks/hq_limits_bench.py
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from hostile_bodies import endless_batch, gzip_of_zeros  # noqa: E402
from hqserver import HQProcess  # noqa: E402

from kiosk.hq.storage import open_storage  # noqa: E402

MIB = 1 << 20
GIB = 1 << 30
RSS_TARGET_MIB = 100
EMPTY_BATCH = b'{"batch_id": "b", "events": []}'


class Counted:
    """An iterable of byte pieces that counts what it gave."""

    def __init__(self, pieces: Iterable[bytes]):
        self.pieces, self.total = pieces, 0

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.total += len(piece)
            yield piece


class PeakRSS:
    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.base = self.peak = self.process.memory_info().rss
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.002)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def figures(self) -> dict:
        return {"rss_before_mib": round(self.base / MIB, 1),
                "rss_peak_mib": round(self.peak / MIB, 1),
                "rss_growth_mib": round((self.peak - self.base) / MIB, 1)}


class Server:
    """A fresh head office with a kiosk's token, warmed up."""

    def __init__(self, folder: Path):
        database = str(folder / f"hq-{time.monotonic_ns()}.db")
        storage = open_storage(database)
        self.token = storage.add_kiosk("k1", store_id="store-1")
        storage.close()
        self.hq = HQProcess(database).start()
        self.url = self.hq.url
        self.pid = self.hq.process.pid
        # small requests only: the buffers of a large body are part of what is measured
        self.post(EMPTY_BATCH, auth=True)
        self.post(gzip.compress(EMPTY_BATCH), auth=True, gzipped=True)
        self.post(EMPTY_BATCH)

    def headers(self, *, auth: bool = False, gzipped: bool = False) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token}"
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        return headers

    def post(self, body: bytes | Iterable[bytes], *, path: str = "/v1/events",
             auth: bool = False, gzipped: bool = False) -> int | str:
        try:
            return httpx.post(self.url + path, content=body, timeout=300,
                              headers=self.headers(auth=auth, gzipped=gzipped)).status_code
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}"[:200]

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.hq.stop()


SEARCH_LIMIT = 64 * MIB


def largest(accepted: Callable[[int], bool], high: int = SEARCH_LIMIT) -> int:
    """The largest size ``accepted`` (bisection to 1 KiB, assuming 1 KiB is accepted);
    ``high`` if that is accepted (no cap below it)."""
    low = 1024
    if accepted(high):
        return high
    while high - low > 1024:
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(middle) else (low, middle)
    return low


def padded(size: int) -> bytes:
    return EMPTY_BATCH + b" " * max(0, size - len(EMPTY_BATCH))


def bench_largest(folder: Path) -> dict:
    with Server(folder) as server:
        plain = largest(lambda n: server.post(padded(n), auth=True) == 200)
        sent = largest(lambda n: server.post(gzip.compress(padded(n), 0), auth=True,
                                             gzipped=True) == 200)
        inflated = largest(lambda n: server.post(gzip.compress(padded(n), 9), auth=True,
                                                 gzipped=True) == 200)
    return {"plain_bytes": plain, "gzip_sent_bytes": len(gzip.compress(padded(sent), 0)),
            "gzip_inflated_bytes": inflated, "precision_bytes": 1024,
            "searched_up_to_bytes": SEARCH_LIMIT}


def full_batch_body(folder: Path) -> bytes:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from sync_bench import seeded_kiosk

    from kiosk.store import outbox
    from kiosk.sync.simulate import simulate
    from kiosk.wire import encode_batch

    kiosk = seeded_kiosk(folder, "full")
    try:
        simulate(kiosk, 10_000, seed=1)
        events = outbox.pending(kiosk.db, limit=10_000)
    finally:
        kiosk.close()
    return encode_batch({"batch_id": "full", "kiosk_id": "k1", "store_id": "store-1",
                         "dropped": 0, "events": events})


def bench_full_batch(folder: Path, largest_accepted: dict) -> dict:
    body = full_batch_body(folder)
    squeezed = gzip.compress(body, 3)  # the kiosk's level (kiosk.sync.http)
    with Server(folder) as server:
        plain_status = server.post(body, auth=True)
        gzip_status = server.post(squeezed, auth=True, gzipped=True)
    return {"events": 10_000, "plain_bytes": len(body), "gzip_bytes": len(squeezed),
            "status_plain": plain_status, "status_gzip": gzip_status,
            "headroom_plain": round(largest_accepted["plain_bytes"] / len(body), 1),
            "headroom_gzip_sent": round(largest_accepted["gzip_sent_bytes"] / len(squeezed), 1),
            "headroom_gzip_inflated": round(
                largest_accepted["gzip_inflated_bytes"] / len(body), 1),
            "ok": plain_status == gzip_status == 200}


def bench_gigabyte(folder: Path, level: int) -> dict:
    """1 GiB of zeros gzipped at ``level`` to each target, on one fresh server."""
    body = Counted(gzip_of_zeros(GIB, level=level))
    size = sum(map(len, gzip_of_zeros(GIB, level=level)))
    with Server(folder) as server, PeakRSS(server.pid) as rss:
        answers = {
            "POST /healthz, no token": server.post(gzip_of_zeros(GIB, level=level),
                                                   path="/healthz", gzipped=True),
            "POST /v1/events, no token": server.post(gzip_of_zeros(GIB, level=level),
                                                     gzipped=True),
            "POST /v1/events, kiosk token": server.post(body, auth=True, gzipped=True),
        }
    expected = [405, 401, 413]
    return {"inflated_mib": 1024, "gzip_mib": round(size / MIB, 1),
            "sent_before_the_answer_bytes": body.total,
            "answers": answers, **rss.figures(),
            "ok": list(answers.values()) == expected
            and rss.peak - rss.base <= RSS_TARGET_MIB * MIB}


def bench_parallel(folder: Path, kind: str) -> dict:
    make = {"plain": lambda: endless_batch(256 * MIB),
            "gzip": lambda: gzip_of_zeros(256 * MIB, level=1),
            "gzip level 0": lambda: gzip_of_zeros(256 * MIB, level=0)}[kind]
    answers: list[int | str] = []
    with Server(folder) as server:
        threads = [threading.Thread(target=lambda: answers.append(server.post(
            make(), auth=True, gzipped=kind != "plain"))) for _ in range(4)]
        with PeakRSS(server.pid) as rss:
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - start
    return {"bodies": 4, "each_mib": 256, "answers": sorted(answers, key=str),
            "seconds": round(seconds, 2), **rss.figures(),
            "ok": answers == [413] * 4 and rss.peak - rss.base <= RSS_TARGET_MIB * MIB}


def head_only(port: int, headers: dict[str, str], timeout: float = 10) -> dict:
    """Declare a 10 GiB body and never send it: the answer and how long it took."""
    lines = ["POST /v1/events HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
             f"Content-Length: {10 * GIB}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall("\r\n".join(lines).encode())
        try:
            head = connection.recv(65536).split(b"\r\n", 1)[0].decode()
        except TimeoutError:
            head = f"no answer in {timeout:g} s (waiting for the body)"
    return {"answer": head, "ms": round((time.perf_counter() - start) * 1000, 1)}


def bench_declared(folder: Path) -> dict:
    with Server(folder) as server:
        with_token = head_only(server.hq.port, {"Authorization": f"Bearer {server.token}"})
        without = head_only(server.hq.port, {})
    return {"with_kiosk_token": with_token, "without_token": without,
            "ok": "413" in with_token["answer"] and "401" in without["answer"]}


def main() -> None:
    result: dict = {"benchmark": "hq_limits", "cpus": os.cpu_count(),
                    "load_start": [round(x, 2) for x in os.getloadavg()],
                    "rss_target_growth_mib": RSS_TARGET_MIB}
    with tempfile.TemporaryDirectory(prefix="hq-limits-bench-") as tmp:
        folder = Path(tmp)
        result["largest_accepted"] = bench_largest(folder)
        result["full_batch"] = bench_full_batch(folder, result["largest_accepted"])
        result["gzip_bomb_1gib"] = bench_gigabyte(folder, 9)
        result["gzip_1gib_sent"] = bench_gigabyte(folder, 0)
        result["parallel_4x256mib"] = {kind: bench_parallel(folder, kind)
                                       for kind in ("plain", "gzip", "gzip level 0")}
        result["declared_10gib"] = bench_declared(folder)
    result["load_end"] = [round(x, 2) for x in os.getloadavg()]
    checks = [result["full_batch"], result["gzip_bomb_1gib"], result["gzip_1gib_sent"],
              *result["parallel_4x256mib"].values(), result["declared_10gib"]]
    result["ok"] = all(check["ok"] for check in checks)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
