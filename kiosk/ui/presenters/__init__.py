"""Presenters: QObjects with signals, no widgets; they call only the Kiosk services."""
