"""Built-in plugin: the privacy service's tables and secure deletion.

Owns the ``kiosk.privacy`` tables (paused personalisation, erased ids) and
turns on ``PRAGMA secure_delete`` for the kiosk's connection, so deleted
personal data is overwritten rather than left in free pages.
"""

from __future__ import annotations

from kiosk import hookimpl
from kiosk.privacy.migrations import privacy_migrations


@hookimpl
def kiosk_register_migrations():
    return [privacy_migrations]


@hookimpl
def kiosk_configure(kiosk):
    kiosk.db.execute("PRAGMA secure_delete = ON")
