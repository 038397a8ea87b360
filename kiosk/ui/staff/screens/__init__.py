"""Screens of the staff tablet app: thin widgets bound to the presenters."""
