"""The shopper's kiosk screen (PySide6).

Importing this package loads no Qt: ``kiosk.ui.spec`` (the shelf and screen
definitions plugins return) stays headless. Qt comes in with
``kiosk.ui.app`` and the modules it uses.
"""
