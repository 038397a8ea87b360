"""Staff accounts for the kiosk: hashed PINs and a lockout after repeated failures.

Headless (no Qt). Leaving kiosk mode needs a staff PIN; the UI asks, this
module answers. PINs are stored as scrypt hashes with a per-account salt.
After ``MAX_FAILURES`` wrong PINs in a row the kiosk refuses every PIN for
``LOCKOUT_SECONDS``; a right PIN resets the count. The tables are
``kiosk.store.staff``'s.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from kiosk.store import staff as store

MAX_FAILURES = 5
LOCKOUT_SECONDS = 300
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
# scrypt cost: about 20 ms per check on a small kiosk PC.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}

class StaffError(ValueError):
    """A staff name or PIN is not acceptable; the message says why."""


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    name: str | None = None
    locked_seconds: int = 0          # > 0 while locked out
    failures_left: int = MAX_FAILURES
    role: str | None = None          # "associate" | "manager" when ok


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, **_SCRYPT).hex()


def check_pin_format(pin: str) -> None:
    if not pin.isdigit() or not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise StaffError(
            f"A PIN is {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits (0-9), nothing else."
        )


class StaffAccounts:
    """The staff accounts of one kiosk database."""

    def __init__(self, db: Database, *, now=None):
        self.db = db
        self._now = now or (lambda: datetime.now(UTC))

    def add(self, name: str, pin: str, role: str | None = None) -> None:
        """Create an account, or give an existing one a new PIN.

        ``role``: associate or manager; None keeps an existing account's role
        (a new account is an associate).
        """
        name = name.strip()
        if not name or len(name) > 60:
            raise StaffError("A staff name is 1 to 60 characters.")
        if role is not None and role not in store.ROLES:
            raise StaffError(f"--role: a role is one of {', '.join(store.ROLES)}.")
        check_pin_format(pin)
        salt = secrets.token_bytes(16)
        with self.db.atomic():
            store.save_account(self.db, name, _hash(pin, salt), salt.hex(),
                               self._now().isoformat())
            if role is not None:
                store.set_role(self.db, name, role)

    def roles(self) -> dict[str, str]:
        """name -> role of every account."""
        return dict(store.names_and_roles(self.db))

    def remove(self, name: str) -> bool:
        with self.db.atomic():
            return store.remove_account(self.db, name)

    def names(self) -> list[str]:
        return store.names(self.db)

    def has_accounts(self) -> bool:
        return store.has_accounts(self.db)

    def _lock_state(self) -> tuple[int, datetime | None]:
        row = store.lockout(self.db)
        if row is None:
            return 0, None
        return row[0], datetime.fromisoformat(row[1]) if row[1] else None

    def _save_lock_state(self, failures: int, locked_until: datetime | None) -> None:
        store.save_lockout(self.db, failures,
                           locked_until.isoformat() if locked_until else None)

    def verify(self, pin: str) -> PinCheck:
        """Check a PIN against every account; count failures; lock out when too many."""
        now = self._now()
        with self.db.atomic():
            failures, locked_until = self._lock_state()
            if locked_until is not None and locked_until > now:
                seconds = max(1, int((locked_until - now).total_seconds() + 0.999))
                return PinCheck(False, locked_seconds=seconds, failures_left=0)
            for name, pin_hash, salt, role in store.accounts_with_roles(self.db):
                if hmac.compare_digest(_hash(pin, bytes.fromhex(salt)), pin_hash):
                    self._save_lock_state(0, None)
                    return PinCheck(True, name=name, role=role)
            failures = 0 if locked_until is not None else failures  # a lockout has ended
            failures += 1
            if failures >= MAX_FAILURES:
                until = now + timedelta(seconds=LOCKOUT_SECONDS)
                self._save_lock_state(0, until)
                return PinCheck(False, locked_seconds=LOCKOUT_SECONDS, failures_left=0)
            self._save_lock_state(failures, None)
            return PinCheck(False, failures_left=MAX_FAILURES - failures)
