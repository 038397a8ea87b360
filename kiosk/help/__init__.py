"""Help that reaches someone: kiosks ask, staff tablets take (docs/help.md).

Headless (no Qt): ``HelpDesk`` for a kiosk, ``TabletHelp`` and ``pending``
for a tablet, ``HelpStatus`` for what the kiosk tells the shopper.
"""

from kiosk.help.client import HelpClient, HelpRefused, HelpUnreachable
from kiosk.help.desk import HelpDesk
from kiosk.help.status import HelpStatus, decide
from kiosk.help.tablet import TabletHelp, pending

__all__ = ["HelpClient", "HelpDesk", "HelpRefused", "HelpStatus", "HelpUnreachable",
           "TabletHelp", "decide", "pending"]
