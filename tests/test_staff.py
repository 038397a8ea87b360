"""Staff accounts: hashed PINs, lockout, and the ``kiosk staff`` commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from kiosk.staff import LOCKOUT_SECONDS, MAX_FAILURES, StaffAccounts, StaffError


class Clock:
    def __init__(self):
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


def test_pin_is_hashed_and_verified(kiosk):
    accounts = StaffAccounts(kiosk.db)
    accounts.add("Sam", "4821")
    stored = kiosk.db.execute("SELECT pin_hash, salt FROM staff_accounts").fetchone()
    assert "4821" not in stored[0] and len(stored[0]) == 64
    assert accounts.verify("4821").ok
    assert accounts.verify("4821").name == "Sam"
    assert not accounts.verify("1111").ok


def test_same_pin_different_salt(kiosk):
    accounts = StaffAccounts(kiosk.db)
    accounts.add("Sam", "4821")
    accounts.add("Ana", "4821")
    hashes = [r[0] for r in kiosk.db.execute("SELECT pin_hash FROM staff_accounts")]
    assert hashes[0] != hashes[1]


@pytest.mark.parametrize("pin", ["12", "abcd", "12 34", "1" * 13, ""])
def test_bad_pins_refused(kiosk, pin):
    with pytest.raises(StaffError, match="digits"):
        StaffAccounts(kiosk.db).add("Sam", pin)


def test_lockout_after_repeated_failures_then_recovers(kiosk):
    clock = Clock()
    accounts = StaffAccounts(kiosk.db, now=clock)
    accounts.add("Sam", "4821")
    for i in range(MAX_FAILURES - 1):
        check = accounts.verify("0000")
        assert not check.ok and check.failures_left == MAX_FAILURES - 1 - i
    locked = accounts.verify("0000")
    assert locked.locked_seconds == LOCKOUT_SECONDS
    # even the right PIN is refused while locked
    assert not accounts.verify("4821").ok
    clock.now += timedelta(seconds=LOCKOUT_SECONDS + 1)
    assert accounts.verify("4821").ok
    assert accounts.verify("0000").failures_left == MAX_FAILURES - 1


def test_right_pin_resets_failures(kiosk):
    accounts = StaffAccounts(kiosk.db)
    accounts.add("Sam", "4821")
    accounts.verify("0000")
    accounts.verify("0000")
    assert accounts.verify("4821").ok
    assert accounts.verify("0000").failures_left == MAX_FAILURES - 1


def test_staff_add_command_prompts_twice_hidden(tmp_path):
    from kiosk.cli import cli

    db = tmp_path / "k.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["staff", "add", "Sam", "--db", str(db)],
                           input="4821\n4821\n")
    assert result.exit_code == 0, result.output
    assert "4821" not in result.output
    mismatch = runner.invoke(cli, ["staff", "add", "Ana", "--db", str(db)],
                             input="1234\n9999\n1234\n1234\n")
    assert mismatch.exit_code == 0
    assert "match" in mismatch.output.lower()
    listed = runner.invoke(cli, ["staff", "list", "--db", str(db), "--json"])
    assert listed.exit_code == 0 and '"Ana"' in listed.output and '"Sam"' in listed.output
    removed = runner.invoke(cli, ["staff", "remove", "Nobody", "--db", str(db)])
    assert removed.exit_code != 0 and "no staff account" in removed.output


def test_cli_without_qt(tmp_path):
    """``kiosk staff`` works without loading PySide6 (the UI plugin imports it lazily)."""
    import subprocess
    import sys

    code = ("import sys; from kiosk.cli import cli; "
            "cli(['staff', 'list', '--db', sys.argv[1]], standalone_mode=False); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "k.db")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
