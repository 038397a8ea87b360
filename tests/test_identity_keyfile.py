"""Signing secrets at rest: wrapped under the key file, never plain in the database."""

import os
import stat
import subprocess
import sys

import pytest
from test_identity import consenting_customer

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.identity import device, token
from kiosk.sync import sealing

# Searches files for hex needles read from stdin, in a process of its own: the
# test process holds SQLite connections to these files and must never open them.
SEARCH = """
import sys
needles = [bytes.fromhex(line) for line in sys.stdin.read().split()]
for path in sys.argv[1:]:
    try:
        data = open(path, "rb").read()
    except FileNotFoundError:
        continue
    if any(n in data for n in needles):
        print(path)
"""


def files_holding(paths, needles):
    found = subprocess.run([sys.executable, "-I", "-c", SEARCH, *map(str, paths)],
                           input="\n".join(n.hex() for n in needles), text=True,
                           capture_output=True, check=True)
    return found.stdout.split()


def database_files(path):
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def test_key_file_is_private_and_secrets_are_wrapped(kiosk):
    card = kiosk.identity.issue_card(consenting_customer(kiosk))
    key_file = device.key_file_for(kiosk.store.path)
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    stored = bytes(kiosk.db.execute("SELECT secret FROM identity_keys").fetchone()[0])
    secret = kiosk.identity.device_keys().unwrap(stored)
    assert len(stored) > len(secret) == 32
    # what the database holds is no signing key: a code made with it is refused
    forged = token.make_long(stored, card.key_id, bytes.fromhex(card.card_id))
    assert kiosk.identity.verify(forged).status == "forged"
    kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert files_holding(database_files(kiosk.store.path), [secret]) == []


def test_a_database_copied_without_its_key_file_is_refused_by_name(kiosk, tmp_path):
    card = kiosk.identity.issue_card(consenting_customer(kiosk))
    kiosk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "stolen.db"
    kiosk.db.execute("VACUUM INTO ?", [str(copy)])
    thief = Kiosk(Config(database=str(copy)), entrypoints=False)
    try:
        with pytest.raises(device.KeyFileError, match=r"stolen\.db\.keys is missing"):
            thief.identity  # noqa: B018
        assert not device.key_file_for(copy).exists(), "no new key file is made"
    finally:
        thief.close()
    # with its key file (a backup of both), the copy verifies the card
    device.key_file_for(copy).write_bytes(device.key_file_for(kiosk.store.path).read_bytes())
    restored = Kiosk(Config(database=str(copy)), entrypoints=False)
    try:
        assert restored.identity.verify(card.code).status == "ok"
    finally:
        restored.close()


def test_plain_secrets_of_an_older_database_are_wrapped_and_overwritten(config):
    kiosk = Kiosk(config, entrypoints=False)
    card = kiosk.identity.issue_card(consenting_customer(kiosk))
    plain = kiosk.identity.device_keys().unwrap(
        bytes(kiosk.db.execute("SELECT secret FROM identity_keys").fetchone()[0]))
    # as the database of an older version has it: a plain secret, no key file
    with kiosk.transaction() as db:
        db.execute("DROP TRIGGER identity_keys_immutable")
        db.execute("UPDATE identity_keys SET secret = ?, wrapped = 0", [plain])
    kiosk.close()
    device.key_file_for(config.database).unlink()

    upgraded = Kiosk(config, entrypoints=False)
    try:
        assert upgraded.identity.verify(card.code).status == "ok"
        assert upgraded.db.execute("SELECT wrapped FROM identity_keys").fetchall() == [(1,)]
        assert device.key_file_for(config.database).exists()
        assert files_holding(database_files(upgraded.store.path), [plain]) == []
    finally:
        upgraded.close()


def test_two_processes_creating_the_key_file_agree(tmp_path):
    path = tmp_path / "kiosk.db.keys"
    script = ("import sys; from kiosk.identity import device; "
              "print(device.load_or_create(sys.argv[1]).public_key)")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                             text=True) for _ in range(4)]
    keys = {run.communicate()[0].strip() for run in runs}
    assert len(keys) == 1 and keys == {device.load(path).public_key}


def test_a_damaged_key_file_is_named(tmp_path):
    path = tmp_path / "kiosk.db.keys"
    path.write_text("{not json")
    with pytest.raises(device.KeyFileError, match=r"kiosk\.db\.keys is damaged"):
        device.load(path)


def test_presence_proof_needs_a_valid_card_of_that_shopper(kiosk):
    private, public = sealing.generate_keypair()

    def seal(text):
        return sealing.seal(public, text)

    customer = consenting_customer(kiosk)
    other = consenting_customer(kiosk, customer_id="22222", first_name="Other")
    card = kiosk.identity.issue_card(customer)
    others_card = kiosk.identity.issue_card(other)
    proof = kiosk.identity.presence(customer, card.short_code.lower(), seal)
    assert proof["code"] == card.short_code.replace("-", "")
    registration = proof["registration"]  # not registered at head office yet: it travels along
    assert device.verify_signature(registration["device_key"],
                                   registration["sealed"].encode(), registration["signature"])
    opened = sealing.open_sealed(private, registration["sealed"])
    assert card.code in opened and card.short_code.replace("-", "") in opened
    assert kiosk.identity.presence(customer, others_card.code, seal) is None
    assert kiosk.identity.presence(customer, "PSK" + "0" * 40, seal) is None
    assert kiosk.identity.presence(customer, None, seal) is None
    kiosk.identity.mark_registered(kiosk.identity.pending_registrations(), "2026-12-03")
    assert kiosk.identity.presence(customer, card.code, seal)["registration"] is None
    kiosk.identity.revoke(customer)
    assert kiosk.identity.presence(customer, card.code, seal) is None
    pending = kiosk.identity.pending_registrations()
    assert [(r["kind"], r["customer_id"]) for r in pending] == [("revoked", customer)]


def test_store_backup_copies_the_database_with_its_key_file(kiosk, tmp_path):
    from click.testing import CliRunner

    from kiosk.cli import cli

    card = kiosk.identity.issue_card(consenting_customer(kiosk))
    target = tmp_path / "backup" / "kiosk-copy.db"
    result = CliRunner().invoke(cli, ["store", "backup", str(target), "--db",
                                      str(kiosk.store.path)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(device.key_file_for(target)).st_mode) == 0o600
    copy = Kiosk(Config(database=str(target)), entrypoints=False)
    try:
        assert copy.identity.verify(card.code).status == "ok"
    finally:
        copy.close()
    again = CliRunner().invoke(cli, ["store", "backup", str(target), "--db",
                                     str(kiosk.store.path)])
    assert again.exit_code == 1 and "exists already" in again.output
