"""Built-in plugin: the privacy service's tables, secure deletion, ``kiosk privacy``.

Owns the ``kiosk.privacy`` tables (paused personalisation, erased ids),
turns on ``PRAGMA secure_delete`` for the kiosk's connection, so deleted
personal data is overwritten rather than left in free pages, and adds the
staff commands ``kiosk privacy purposes|show|erase``.
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


@hookimpl
def kiosk_register_commands(cli):
    # imported here, not at the top: kiosk.cli loads the plugins while it is
    # being imported itself
    from kiosk.privacy.cli import privacy

    cli.add_command(privacy)
