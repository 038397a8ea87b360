"""Loyalty identity: signed card codes, verification, the one identify path.

The service is ``kiosk.identity`` (``IdentityService``); the code formats are
in ``token``, card images in ``card_image``, QR decoding in ``decode``.
"""

from kiosk.identity.results import Card, Identification, Verification

__all__ = ["Card", "Identification", "Verification"]
