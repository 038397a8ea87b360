# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""Head office's secrets and files at rest: a key file (0600) instead of a database row,
owner-only database files, a refusal to start without the right key file, the erasure
key for kiosks only, and the upgrade of a database made by the previous head office
(commit 417fb96, run from the git history in a subprocess) on both backends."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from hqserver import HQProcess, hq_storage, live_hq, pg_server, pg_url  # noqa: F401
from test_hq_erasure_traces import erased_id_digest, traces

from kiosk.cli import cli
from kiosk.hq.storage import StorageError, open_storage
from kiosk.sync import sealing

REPO = Path(__file__).resolve().parent.parent
BASE = "417fb96"  # the head office before key files and digests


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_sqlite_head_office_keeps_its_files_and_keys_owner_only(tmp_path):
    folder = tmp_path / "made-by-hq"
    database = folder / "hq.db"
    umask = os.umask(0o022)  # the usual default, under which files came out 0644
    try:
        hq = HQProcess(str(database)).start()
    finally:
        os.umask(umask)
    try:
        storage_token = CliRunner().invoke(cli, ["hq", "add-kiosk", "k1", "--database",
                                                 str(database)])
        assert storage_token.exit_code == 0
        # while head office runs, its WAL and shared memory exist
        modes = {p.name: mode(p) for p in folder.iterdir()}
    finally:
        hq.stop()
    assert mode(folder) == 0o700
    assert modes == {"hq.db": 0o600, "hq.db-wal": 0o600, "hq.db-shm": 0o600,
                     "hq.db-writer.lock": 0o600, "hq.db.key": 0o600}
    keys = json.loads((folder / "hq.db.key").read_text())
    storage = open_storage(str(database))
    try:
        assert sealing.public_from_private(keys["private_key"]) == storage.public_key
        assert storage.erasure_key == keys["erasure_key"]
        meta = dict(storage.query("SELECT key, value FROM hq_meta"))
    finally:
        storage.close()
    assert "private_key" not in meta and meta["public_key"] == storage.public_key
    assert keys["private_key"] not in json.dumps(meta)


def test_a_database_whose_key_file_is_missing_or_foreign_refuses_to_start(tmp_path):
    database = tmp_path / "hq.db"
    key_file = tmp_path / "hq.db.key"
    open_storage(str(database)).close()
    saved = key_file.read_bytes()
    key_file.unlink()
    runner = CliRunner()
    refused = runner.invoke(cli, ["hq", "stats", "--database", str(database)])
    assert refused.exit_code != 0
    assert f"head office's key file {key_file} is missing" in refused.output
    assert "restore that file from a backup" in refused.output
    assert not key_file.exists()  # no new keypair was made behind the operator's back
    open_storage(str(tmp_path / "other.db")).close()  # another head office's key file
    (tmp_path / "other.db.key").rename(key_file)
    foreign = runner.invoke(cli, ["hq", "stats", "--database", str(database)])
    assert foreign.exit_code != 0 and "belongs to another head office" in foreign.output
    key_file.write_text("{not json")
    damaged = runner.invoke(cli, ["hq", "stats", "--database", str(database)])
    assert damaged.exit_code != 0 and f"key file {key_file} is damaged" in damaged.output
    key_file.write_bytes(saved)
    key_file.chmod(0o644)
    assert runner.invoke(cli, ["hq", "stats", "--database", str(database)]).exit_code == 0
    assert mode(key_file) == 0o600  # tightened when read
    elsewhere = tmp_path / "keys" / "hq.key"
    moved = runner.invoke(cli, ["hq", "stats", "--database", str(database), "--key-file",
                                str(elsewhere)])
    assert moved.exit_code != 0 and str(elsewhere) in moved.output


@pytest.mark.postgres
def test_postgresql_needs_the_chains_key_file(pg_url, tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_HQ_KEY_FILE")
    with pytest.raises(StorageError, match="a postgresql head office needs a key file: give "
                                           "--key-file PATH or set KIOSK_HQ_KEY_FILE"):
        open_storage(pg_url)
    key_file = tmp_path / "chain" / "hq.key"
    first = open_storage(pg_url, key_file=key_file)
    second = open_storage(pg_url, key_file=key_file)  # another head-office process
    try:
        assert first.public_key == second.public_key
        assert first.erasure_key == second.erasure_key
        assert mode(key_file) == 0o600 and mode(key_file.parent) == 0o700
    finally:
        first.close()
        second.close()
    with pytest.raises(StorageError, match=f"key file {tmp_path / 'elsewhere.key'} is missing"):
        open_storage(pg_url, key_file=tmp_path / "elsewhere.key")
    assert not (tmp_path / "elsewhere.key").exists()


def test_the_erasure_key_is_for_kiosks(live_hq):
    token = live_hq.storage.add_kiosk("k1", store_id="s1")
    operator = live_hq.storage.add_kiosk("ops", store_id="-", role="operator")
    url = live_hq.url + "/v1/erasure-key"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers={"Authorization": f"Bearer {operator}"}).status_code == 403
    answer = httpx.get(url, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert answer.json()["erasure_key"] == live_hq.storage.erasure_key
    assert len(bytes.fromhex(live_hq.storage.erasure_key)) == 32


# -- a database of the previous head office -------------------------------------

OLD_HEAD_OFFICE = """
import json, sys
from kiosk.hq.storage import ChangeIn, open_storage
from kiosk.sync import sealing

storage = open_storage(sys.argv[1])
token = storage.add_kiosk("k1", store_id="s1")
kiosk = storage.authenticate(token)
def event(seq, customer, kind="impression", **payload):
    return {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "seq": seq, "kind": kind,
            "ts": "2026-01-01T10:00:00+00:00", "customer_id": customer, "payload": payload}
storage.ingest(kiosk, [event(i, "legacy-1" if i % 2 else "keeper", sku="SKU-ZEBRA-77"
                             if i % 2 else "A") for i in range(1, 41)])
storage.publish([ChangeIn("profile", {"first_name": "Annabelle"}, "s1", "legacy-1")])
storage.erase("legacy-1")
sealed = sealing.seal(storage.public_key, "legacy-2")
storage.ingest(kiosk, [event(41, "legacy-2"),
                       event(42, None, "erasure_requested", sealed_subject=sealed)])
private = storage.query("SELECT value FROM hq_meta WHERE key = 'private_key'")[0][0]
print(json.dumps({"token": token, "public_key": storage.public_key, "private_key": private}))
storage.close()
"""


@pytest.fixture(scope="session")
def base_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``kiosk`` package of commit 417fb96, from the git history."""
    try:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", BASE, "kiosk"],
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"needs the git history with commit {BASE} (a shallow clone lacks it)")
    folder = tmp_path_factory.mktemp("base-code")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def made_by_the_old_head_office(base_code: Path, database: str) -> dict:
    out = subprocess.run([sys.executable, "-c", OLD_HEAD_OFFICE, database], cwd=base_code,
                         env={**os.environ, "PYTHONPATH": str(base_code)},
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def assert_upgraded(storage, old: dict) -> None:
    assert storage.public_key == old["public_key"]  # kiosks keep sealing for the same key
    meta = dict(storage.query("SELECT key, value FROM hq_meta"))
    assert "private_key" not in meta
    assert storage.is_erased("legacy-1") and storage.is_erased("legacy-2")
    assert not storage.is_erased("keeper")
    erasures = storage.query("SELECT * FROM erasures ORDER BY at")
    assert sorted(row[0] for row in erasures) == sorted(
        erased_id_digest(storage.erasure_key, c) for c in ("legacy-1", "legacy-2"))
    kiosk = storage.authenticate(old["token"])
    feed = storage.changes_for(kiosk, 0, 100)["changes"]
    assert [(c["kind"], c["customer_id"], sorted(c["data"])) for c in feed] == [
        ("erasure", None, ["digest"]), ("erasure", None, ["digest"])]
    everything = json.dumps([storage.query(f"SELECT * FROM {t}") for t in
                             ("events", "changes", "erasures", "consents", "hq_meta")])
    assert "legacy-" not in everything and "sealed_subject" not in everything
    late = storage.ingest(kiosk, [{"uuid": "00000000-0000-4000-8000-0000000000ff",
                                   "seq": 99, "kind": "scan", "customer_id": "legacy-1",
                                   "ts": "2026-01-02T10:00:00+00:00", "payload": {}}])
    assert late.discarded == 1  # still refused after the upgrade


def test_an_old_sqlite_database_is_upgraded_in_place(base_code, tmp_path):
    database = tmp_path / "hq.db"
    old = made_by_the_old_head_office(base_code, str(database))
    umask = os.umask(0o022)
    os.umask(umask)
    assert mode(database) == 0o644 & ~umask  # as the old one made it: readable by others
    residue = traces([database], ["legacy-1", "Annabelle", old["private_key"]])
    assert residue["hq.db"]  # what the upgrade has to clear
    storage = open_storage(str(database))
    try:
        assert_upgraded(storage, old)
    finally:
        storage.close()
    key_file = tmp_path / "hq.db.key"
    assert json.loads(key_file.read_text())["private_key"] == old["private_key"]
    assert mode(key_file) == 0o600 and mode(database) == 0o600
    assert traces([database, Path(f"{database}-wal")],
                  ["legacy-1", "legacy-2", "Annabelle", "SKU-ZEBRA-77",
                   old["private_key"]]) == {"hq.db": [], "hq.db-wal": []}
    again = open_storage(str(database))  # idempotent
    try:
        assert_upgraded(again, old)
    finally:
        again.close()


@pytest.mark.postgres
def test_an_old_postgresql_database_is_upgraded_in_place(base_code, pg_server, pg_url,
                                                          tmp_path):
    import psycopg

    old = made_by_the_old_head_office(base_code, pg_url)
    key_file = tmp_path / "hq-pg.key"
    assert not key_file.exists()
    storage = open_storage(pg_url)
    try:
        assert_upgraded(storage, old)
        # the events of erasures made before the upgrade wait for the next scrub
        assert storage.stats()["totals"]["erasures_to_scrub"] == 1
    finally:
        storage.close()
    assert json.loads(key_file.read_text())["private_key"] == old["private_key"]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        files = [pg_server.data / conn.execute("SELECT pg_relation_filepath(%s)",
                                               [t]).fetchone()[0]
                 for t in ("hq_meta", "changes", "erasures")]
    # rewritten by the upgrade: the old rows (the private key, the erased ids) are gone
    assert {n: f for n, f in traces(files, ["legacy-1", "legacy-2", old["private_key"]]
                                    ).items() if f} == {}
    again = open_storage(pg_url)
    try:
        assert_upgraded(again, old)
    finally:
        again.close()
