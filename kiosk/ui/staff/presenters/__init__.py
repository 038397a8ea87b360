"""Presenters of the staff tablet app: QObjects with signals, no widgets."""
