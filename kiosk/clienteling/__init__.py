"""The staff desk: what store staff do on a tablet (or at the command line), Qt-free.

Every read and write of a shopper's data goes through a ``StaffSession``
(``StaffDesk(kiosk).sign_in(pin)``), is allowed only for shoppers who agreed to
staff keeping a profile (``staff_profile``, checked on every call) and is
audited. Curated picks, notes and the advisor are record fields
(``kiosk.chain``), so they reach every device of the chain. See docs/staff.md.
"""

from kiosk.clienteling.book import FILTERS, ClientRow
from kiosk.clienteling.desk import SignedOut, SignIn, StaffDesk, StaffSession
from kiosk.clienteling.gate import NoStaffConsent

__all__ = ["FILTERS", "ClientRow", "NoStaffConsent", "SignIn", "SignedOut", "StaffDesk",
           "StaffSession"]
