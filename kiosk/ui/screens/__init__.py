"""Screens: thin widgets over the presenters."""
