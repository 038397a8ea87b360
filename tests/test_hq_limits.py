# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Head office reads a request body only from a known caller, within size caps, and
refuses JSON nested too deep (issue 9, item 4).

Real servers: ``kiosk hq serve`` in a subprocess, whose memory is measured with psutil
while gzip bombs and oversized bodies are streamed at it with httpx (chunked, no
Content-Length) or declared by raw HTTP; and the threaded server on both backends.
"""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil
import pytest
from hostile_bodies import endless_batch, gzip_of_zeros
from hqserver import HQProcess, hq_storage, live_hq, pg_server, pg_url, wait_until_serving  # noqa: F401  (fixtures)

from kiosk.hq.storage import open_storage

GIB = 1 << 30
MIB = 1 << 20
RSS_BUDGET = 100 * MIB


class PeakRSS:
    """The highest resident memory of a process while the block runs (sampled every 2 ms)."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.base = self.peak = self.process.memory_info().rss
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.002)

    @property
    def growth(self) -> int:
        return self.peak - self.base

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


class ServedHQ(HQProcess):
    """``kiosk hq serve`` with more options on its command line, and tokens made before."""

    def __init__(self, folder: Path, *options: str):
        database = str(folder / "hq.db")
        storage = open_storage(database)
        self.kiosk_token = storage.add_kiosk("k1", store_id="store-1")
        self.operator_token = storage.add_kiosk("ops", store_id="-", role="operator")
        storage.close()
        super().__init__(database)
        self.options = options

    def start(self, timeout: float = 30) -> ServedHQ:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.hq", "serve", "--database", self.database,
             "--port", str(self.port), *self.options],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until_serving(self.process, self.url, timeout)
        return self

    def auth(self, role: str = "kiosk") -> dict[str, str]:
        token = self.kiosk_token if role == "kiosk" else self.operator_token
        return {"Authorization": f"Bearer {token}"}

    def warm_up(self) -> None:
        """Small requests, so lazy imports are not counted (large bodies' buffers are)."""
        httpx.post(self.url + "/v1/events", headers=self.auth(), json=batch([event(1)]))
        httpx.post(self.url + "/v1/events", content=b"{}")
        httpx.post(self.url + "/v1/events", headers={**self.auth(), "Content-Encoding": "gzip"},
                   content=gzip.compress(json.dumps(batch([event(2)])).encode()))


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[ServedHQ]:
    server = ServedHQ(tmp_path).start()
    server.warm_up()
    yield server
    server.stop()


def event(seq: int, **payload: object) -> dict:
    return {"uuid": str(uuid.uuid4()), "seq": seq, "kind": "impression", "payload": payload,
            "ts": datetime.now(UTC).isoformat()}


def batch(events: list[dict]) -> dict:
    return {"batch_id": uuid.uuid4().hex, "events": events}


def stream(url: str, method: str, content: Iterable[bytes], headers: dict[str, str]) -> int:
    """Send ``content`` as it is made (chunked, no Content-Length); the answer's status."""
    response = httpx.request(method, url, content=content, timeout=120,
                             headers={"Content-Type": "application/json", **headers})
    assert "Traceback" not in response.text
    return response.status_code


# -- bodies no one may send ------------------------------------------------------

@pytest.fixture(scope="module")
def bomb() -> list[bytes]:
    """1 GiB of zeros, gzip-compressed (about 1 MB)."""
    return list(gzip_of_zeros(GIB, level=9))


def test_a_gzip_bomb_is_never_read_without_a_token_nor_inflated_past_the_cap(hq, bomb):
    gzip_header = {"Content-Encoding": "gzip"}
    with PeakRSS(hq.process.pid) as rss:
        codes = {
            "POST /healthz": stream(hq.url + "/healthz", "POST", bomb, gzip_header),
            "GET /healthz": stream(hq.url + "/healthz", "GET", bomb, gzip_header),
            "no token": stream(hq.url + "/v1/events", "POST", bomb, gzip_header),
            "kiosk token": stream(hq.url + "/v1/events", "POST", bomb,
                                  {**gzip_header, **hq.auth()}),
            "operator token": stream(hq.url + "/v1/admin/changes", "POST", bomb,
                                     {**gzip_header, **hq.auth("operator")}),
        }
    assert codes == {"POST /healthz": 405, "GET /healthz": 200, "no token": 401,
                     "kiosk token": 413, "operator token": 413}
    assert rss.growth <= RSS_BUDGET, f"head office grew by {rss.growth / MIB:.0f} MiB"


def test_a_gigabyte_of_gzip_on_the_wire_is_never_held(hq):
    """The issue's case: 1 GiB as sent (gzip level 0), which was buffered whole before."""
    headers = {"Content-Encoding": "gzip"}
    with PeakRSS(hq.process.pid) as rss:
        codes = [
            stream(hq.url + "/healthz", "POST", gzip_of_zeros(GIB, level=0), headers),
            stream(hq.url + "/v1/events", "POST", gzip_of_zeros(GIB, level=0), headers),
            stream(hq.url + "/v1/events", "POST", gzip_of_zeros(GIB, level=0),
                   {**headers, **hq.auth()}),
        ]
    assert codes == [405, 401, 413]
    assert rss.growth <= RSS_BUDGET, f"head office grew by {rss.growth / MIB:.0f} MiB"


def test_four_parallel_256_mib_bodies_stay_within_the_memory_budget(hq):
    gzip_header = {"Content-Encoding": "gzip"}
    bodies = [(endless_batch(256 * MIB), {}), (endless_batch(256 * MIB), {}),
              (gzip_of_zeros(256 * MIB, level=1), gzip_header),  # 256 MiB once inflated
              (gzip_of_zeros(256 * MIB, level=0), gzip_header)]  # 256 MiB as sent
    codes: list[int] = []

    def send(body: Iterator[bytes], headers: dict[str, str]) -> None:
        codes.append(stream(hq.url + "/v1/events", "POST", body, {**headers, **hq.auth()}))

    threads = [threading.Thread(target=send, args=body) for body in bodies]
    with PeakRSS(hq.process.pid) as rss:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert codes == [413] * 4
    assert rss.growth <= RSS_BUDGET, f"head office grew by {rss.growth / MIB:.0f} MiB"


def head_only(port: int, method: str, path: str,
              headers: dict[str, str]) -> tuple[int, dict, bool]:
    """Send a request's head only (its body never follows): the answer, if one comes, and
    whether head office then closed the connection (rather than wait for the body)."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1",
             *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall("\r\n".join(lines).encode())
        answer = b""
        try:
            while b"\r\n\r\n" not in answer:
                data = connection.recv(65536)
                if not data:
                    break
                answer += data
            head, _, body = answer.partition(b"\r\n\r\n")
            length = int(next((line.split(b":")[1] for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), b"0"))
            while len(body) < length:
                body += connection.recv(65536)
        except TimeoutError:
            pytest.fail(f"{method} {path}: no answer while head office waited for the body")
        try:
            closed = connection.recv(1) == b""
        except TimeoutError:
            closed = False
    return int(head.split()[1]), json.loads(body), closed


def test_a_declared_body_over_the_cap_or_without_a_token_is_refused_before_it_is_sent(hq):
    huge = {"Content-Type": "application/json", "Content-Length": str(10 * GIB)}
    status, answer, closed = head_only(hq.port, "POST", "/v1/events", {**huge, **hq.auth()})
    assert status == 413 and closed
    assert answer["detail"] == ("the request body is 10,737,418,240 bytes; head office accepts "
                                "at most 8,000,000 (--max-body-mb, KIOSK_HQ_MAX_BODY_MB)")
    status, answer, closed = head_only(hq.port, "POST", "/v1/admin/changes",
                                       {**huge, **hq.auth("operator")})
    assert status == 413 and closed
    # no token: refused before a byte is read, whatever the size
    small = {"Content-Type": "application/json", "Content-Length": "100"}
    for path in ("/v1/events", "/v1/admin/changes", "/v1/admin/erasures"):
        for size in (small, huge):
            status, answer, closed = head_only(hq.port, "POST", path, size)
            assert (status, answer, closed) == (
                401, {"detail": "a valid bearer token is required"}, True)
    # a kiosk's token is not an operator's: 403, still unread
    status, _, closed = head_only(hq.port, "POST", "/v1/admin/erasures", {**small, **hq.auth()})
    assert status == 403 and closed


# -- nesting ---------------------------------------------------------------------

def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth  # json.dumps would refuse to go this deep


def test_json_nested_too_deep_gets_422_naming_the_limit(live_hq):
    token = live_hq.storage.add_kiosk("k1", store_id="store-1")
    operator = live_hq.storage.add_kiosk("ops", store_id="-", role="operator")
    kiosk = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    ops = {"Authorization": f"Bearer {operator}", "Content-Type": "application/json"}

    def events(payload: str) -> httpx.Response:
        body = (f'{{"batch_id": "b", "events": [{{"uuid": "{uuid.uuid4()}", "seq": 1, '
                f'"kind": "x", "ts": "2026-01-01T00:00:00+00:00", "payload": {{"a": {payload}}}'
                '}]}')
        return httpx.post(live_hq.url + "/v1/events", content=body, headers=kiosk)

    def changes(data: str) -> httpx.Response:
        body = f'{{"changes": [{{"kind": "product", "data": {{"a": {data}}}}}]}}'
        return httpx.post(live_hq.url + "/v1/admin/changes", headers=ops, content=body)

    def erasure(extra: str) -> httpx.Response:
        return httpx.post(live_hq.url + "/v1/admin/erasures", headers=ops,
                          content=f'{{"customer_id": "c1", "note": {extra}}}')

    # "a" is 4 levels down in a batch (body, events, event, payload) and in a change
    # (body, changes, change, data), "note" 1 in an erasure: 64 levels in all, not 65
    assert events(deep_json(60)).status_code == 200
    within = changes(deep_json(60))  # read, then refused by the rules of a change
    assert within.status_code == 422, within.text
    assert "changes.0.data.a" in within.json()["detail"]
    assert "nested more than 32 levels" in within.json()["detail"]
    assert erasure(deep_json(63)).status_code == 200
    for response in (events(deep_json(61)), events(deep_json(2_000)),
                     changes(deep_json(61)), changes(deep_json(2_000)),
                     erasure(deep_json(64)), erasure(deep_json(100_000))):
        assert response.status_code == 422, response.text
        assert "nested deeper than 64 levels" in response.json()["detail"]


# -- settings and the legitimate largest ------------------------------------------

def full_batch(kiosk: object) -> bytes:
    """The kiosk's own body for a batch of 10,000 simulated events (the API's largest)."""
    from kiosk.store import outbox
    from kiosk.sync.simulate import simulate
    from kiosk.wire import encode_batch

    with kiosk.transaction() as db:  # type: ignore[attr-defined]
        for i in range(200):
            db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.0)",
                       [f"SKU{i}", f"Product {i}"])
    simulate(kiosk, 10_000, seed=1)  # type: ignore[arg-type]
    events = outbox.pending(kiosk.db, limit=10_000)  # type: ignore[attr-defined]
    return encode_batch({"batch_id": "full", "kiosk_id": "k1", "store_id": "store-1",
                         "dropped": 0, "events": events})


def test_a_full_batch_fits_the_default_caps_plain_and_gzip(hq, kiosk):
    body = full_batch(kiosk)
    plain = httpx.post(hq.url + "/v1/events", content=body, timeout=60,
                       headers={**hq.auth(), "Content-Type": "application/json"})
    assert plain.status_code == 200 and plain.json()["accepted"] == 10_000
    squeezed = httpx.post(hq.url + "/v1/events", content=gzip.compress(body), timeout=60,
                          headers={**hq.auth(), "Content-Type": "application/json",
                                   "Content-Encoding": "gzip"})
    assert squeezed.status_code == 200 and squeezed.json()["duplicates"] == 10_000


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_caps_are_set_on_the_command_line_for_every_worker(tmp_path, workers):
    server = ServedHQ(tmp_path, "--max-body-mb", "0.05", "--max-inflated-mb", "0.1",
                      "--workers", workers).start()
    try:
        json_body = json.dumps(batch([event(i, note="x" * 100) for i in range(1, 301)]))
        assert 50_000 < len(json_body) < 100_000 and len(gzip.compress(json_body.encode())) < 50_000
        headers = {**server.auth(), "Content-Type": "application/json"}
        for _ in range(4):  # each worker
            plain = httpx.post(server.url + "/v1/events", content=json_body, headers=headers)
            assert plain.status_code == 413 and "50,000" in plain.json()["detail"]
            squeezed = httpx.post(server.url + "/v1/events", headers={
                **headers, "Content-Encoding": "gzip"}, content=gzip.compress(json_body.encode()))
            assert squeezed.status_code == 200, squeezed.text
        inflated = httpx.post(server.url + "/v1/events", headers={
            **headers, "Content-Encoding": "gzip"}, content=gzip.compress(b" " * 200_000))
        assert inflated.status_code == 413 and "--max-inflated-mb" in inflated.json()["detail"]
    finally:
        server.stop()
    refused = subprocess.run([sys.executable, "-m", "kiosk.hq", "serve", "--database",
                              str(tmp_path / "hq.db"), "--max-body-mb", "0"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--max-body-mb" in refused.stderr


def test_the_caps_from_the_environment_are_checked():
    from kiosk.hq.limits import BodyLimits

    assert BodyLimits.from_env({}) == BodyLimits(8_000_000, 16_000_000)
    assert BodyLimits.from_env({"KIOSK_HQ_MAX_BODY_MB": "0.5"}).max_body == 500_000
    for bad in ("-1", "0", "nan", "inf", "2000", "lots"):
        with pytest.raises(ValueError, match=r"KIOSK_HQ_MAX_INFLATED_MB must be a number of "
                                             r"MB from 0\.001 to 1024"):
            BodyLimits.from_env({"KIOSK_HQ_MAX_INFLATED_MB": bad})
    limits = BodyLimits(1_234_567, 7_654_321)
    assert BodyLimits.from_env(limits.as_env()) == limits


# -- the pieces ------------------------------------------------------------------

def reference_depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(reference_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(reference_depth, value), default=0)
    return 0


def test_json_depth_is_found_without_parsing_as_a_parser_finds_it():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kiosk.hq.limits import json_too_deep

    tricky = st.sampled_from(['"[', '"]', "{", '\\"[[', "\\\\", "\u00e9[", "}]"])
    text = st.text(max_size=5) | st.builds("".join, st.lists(tricky, max_size=6))
    values = st.recursive(st.none() | st.booleans() | st.integers() | text,
                          lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(text, inner, max_size=3), max_leaves=40)

    @settings(max_examples=400, deadline=None)
    @given(values, st.integers(0, 8))
    def agrees(value: object, limit: int) -> None:
        document = json.dumps(value, ensure_ascii=False).encode()
        assert json_too_deep(document, limit) == (reference_depth(value) > limit)

    agrees()
    assert json_too_deep(deep_json(100_000).encode(), 64)
    assert not json_too_deep(b'{"a": "' + b"[" * 1000 + b'"}', 64)  # brackets in a string
    assert not json_too_deep(b"[" * 100, 64)  # not JSON: its parser says so


def test_gzip_is_inflated_piece_by_piece_member_by_member_within_the_cap():
    from kiosk.hq.body_guard import BodyRejected, GzipInflater

    body = gzip.compress(b"hello ") + gzip.compress(b"world")  # two members (RFC 1952)
    inflater, out = GzipInflater(100), []
    for i in range(len(body)):
        inflater.feed(body[i:i + 1], out)
    inflater.finish()
    assert b"".join(out) == b"hello world"
    over = GzipInflater(10)
    with pytest.raises(BodyRejected) as refused:
        over.feed(gzip.compress(b"x" * 11), [])
    assert refused.value.status_code == 413 and over.size == 11  # never more than cap + 1
    for broken, status in ((body[:-3], 400), (body + b"junk", 400)):
        inflater = GzipInflater(100)
        with pytest.raises(BodyRejected) as refused:
            inflater.feed(broken, [])
            inflater.finish()
        assert refused.value.status_code == status


def test_the_spec_declares_each_error_an_operation_answers_in_its_real_shape(live_hq):
    spec = httpx.get(live_hq.url + "/openapi.json").json()
    error = {"$ref": "#/components/schemas/Error"}
    assert spec["components"]["schemas"]["Error"]["required"] == ["detail"]
    assert "HTTPValidationError" not in json.dumps(spec)
    for path, method, codes in (
            ("/v1/events", "post", {"400", "401", "403", "413", "415", "422"}),
            ("/v1/admin/changes", "post", {"400", "401", "403", "409", "413", "415", "422"}),
            ("/v1/admin/erasures", "post", {"400", "401", "403", "413", "415", "422"}),
            ("/v1/changes", "get", {"401", "403", "422"})):
        responses = spec["paths"][path][method]["responses"]
        assert {c for c in responses if c.startswith("4")} == codes, path
        for code in codes:
            assert responses[code]["content"]["application/json"]["schema"] == error
    token = live_hq.storage.add_kiosk("k1", store_id="store-1")
    answer = httpx.get(live_hq.url + "/v1/changes", params={"since": -1},
                       headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422 and set(answer.json()) == {"detail"}
    assert isinstance(answer.json()["detail"], str) and "since" in answer.json()["detail"]
