"""Regression: void Qt calls must not drop references to None.

PySide6 6.12.0 on CPython 3.11 decrements None's reference count on every
call of a method that returns void; after a few thousand calls the
interpreter aborts with "deallocating None". pyproject.toml keeps 6.12.0
off 3.11. On 3.12+ None is immortal, so its reference count stays at a
fixed sentinel even when a binding gets the count wrong: this test also
checks the reference count of a mortal object passed through the same
kind of calls (a QLabel's parent and a Python-owned string), which would
fall on any interpreter.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

CALLS = 20_000


def _void_calls(label: QLabel, image: QImage, holder: QObject, text: str) -> None:
    for i in range(CALLS):
        label.setText(text)                      # void, str argument
        image.fill(QColor(i % 256, 0, 0))        # void, object argument
        label.setObjectName(text)                # void
        holder.setProperty("n", i)               # bool, but sets a Python-owned value
        label.clear()                            # void, no arguments


def test_void_calls_keep_none_and_arguments_alive():
    app = QApplication.instance() or QApplication([])
    assert app is not None
    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    holder = QObject()
    text = "".join(["mortal ", "text"])  # a fresh, non-interned string
    none_before = sys.getrefcount(None)
    text_before = sys.getrefcount(text)
    _void_calls(label, image, holder, text)
    assert sys.getrefcount(None) >= none_before - 10
    assert sys.getrefcount(text) == text_before
    # the calls really happened
    assert label.text() == "" and label.objectName() == text
    assert holder.property("n") == CALLS - 1


def test_void_calls_return_none_itself():
    label = QLabel()
    results = {id(label.setText("x")) for _ in range(1000)}
    assert results == {id(None)}
