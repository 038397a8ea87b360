"""Privacy: consent purposes, the consent log, the shopper's data and erasure.

The service is ``kiosk.privacy`` (``PrivacyService``).
"""

from kiosk.privacy.purposes import PURPOSES, Purpose

__all__ = ["PURPOSES", "Purpose"]
