"""Built-in plugin: signed loyalty cards (QR + short typed code).

Issues the card at enrolment (``kiosk_issue_card``) and answers
``kiosk_identify``, both last, so another loyalty scheme can issue and claim
its own cards first; declares the ``[plugins.loyalty_card]`` settings and adds
``kiosk cards``. The card tables are core (``kiosk.store.cards``): disabling
this plugin leaves a kiosk without a loyalty scheme, serving guests only.
"""

from __future__ import annotations

from kiosk import hookimpl
from kiosk.identity.settings import LoyaltyCardSettings
from kiosk.settings import SettingsSection


@hookimpl
def kiosk_register_settings():
    return [SettingsSection("loyalty_card", LoyaltyCardSettings,
                            "rate limit of failed scans at this kiosk")]


@hookimpl(trylast=True)
def kiosk_issue_card(kiosk, customer_id):
    return kiosk.identity.issue_card(customer_id)


@hookimpl(trylast=True)
def kiosk_identify(kiosk, code):
    return kiosk.identity.identify_loyalty_card(code)


@hookimpl
def kiosk_register_commands(cli):
    # imported here, not at the top: kiosk.cli loads the plugins while it is
    # being imported itself
    from kiosk.identity.cli import cards

    cli.add_command(cards)
