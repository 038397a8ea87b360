"""Three ways to read a loyalty code; every code goes to ``kiosk.identity.identify``.

- ``ScannerInputFilter``: keyboard-wedge scanners (USB/Bluetooth scanners
  that type the code and press Enter), recognised anywhere in the kiosk;
- ``CameraScanner``: camera frames decoded by zxing-cpp off the GUI thread;
- ``KeypadWidget``: an on-screen keypad for the short code printed on cards.

Each emits the raw code text (``code_scanned`` / ``code_entered``); the
session presenter passes it to ``kiosk.identity.identify``, the one path.
"""

from kiosk.ui.scanning.camera import CameraScanner
from kiosk.ui.scanning.keypad import KeypadWidget
from kiosk.ui.scanning.wedge import ScannerInputFilter

__all__ = ["CameraScanner", "KeypadWidget", "ScannerInputFilter"]
