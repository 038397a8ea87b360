"""Built-in plugin: the staff commands ``kiosk privacy purposes|show|erase``.

The privacy service itself, its tables and secure deletion are core
(``kiosk.privacy``, ``kiosk.store.customers``, ``kiosk.store.connect``):
disabling this plugin only removes the commands.
"""

from __future__ import annotations

from kiosk import hookimpl


@hookimpl
def kiosk_register_commands(cli):
    # imported here, not at the top: kiosk.cli loads the plugins while it is
    # being imported itself
    from kiosk.privacy.cli import privacy

    cli.add_command(privacy)
