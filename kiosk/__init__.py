"""Personal Shopper Kiosk: a personal shopper for every opted-in shopper.

The core (everything outside ``kiosk.ui``) never imports Qt.
"""

from kiosk.hookspecs import hookimpl

__version__ = "0.1.0"
__all__ = ["__version__", "hookimpl"]
