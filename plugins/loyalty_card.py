"""Built-in plugin: signed loyalty cards (QR + short typed code).

Owns the ``kiosk.identity`` tables and the ``[plugins.loyalty_card]`` settings,
answers ``kiosk_identify`` last (so other loyalty schemes can claim their own
codes first) and adds ``kiosk cards``.
"""

from __future__ import annotations

from kiosk import hookimpl
from kiosk.identity.migrations import identity_migrations
from kiosk.identity.settings import LoyaltyCardSettings
from kiosk.settings import SettingsSection


@hookimpl
def kiosk_register_migrations():
    return [identity_migrations]


@hookimpl
def kiosk_register_settings():
    return [SettingsSection("loyalty_card", LoyaltyCardSettings,
                            "rate limit of failed scans at this kiosk")]


@hookimpl(trylast=True)
def kiosk_identify(kiosk, code):
    return kiosk.identity.identify_loyalty_card(code)


@hookimpl
def kiosk_register_commands(cli):
    # imported here, not at the top: kiosk.cli loads the plugins while it is
    # being imported itself
    from kiosk.identity.cli import cards

    cli.add_command(cards)
