"""Bits every screen uses: a retranslating base class, big touch buttons, labels."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.i18n import LANGUAGES

TOUCH = 56  # px: comfortably over the 44 px minimum touch target


class Screen(QWidget):
    """A screen: ``retranslate()`` sets every text; ``clear()`` forgets the shopper."""

    name = "screen"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        pass

    def clear(self) -> None:
        pass


def button(parent: QWidget, role: str = "secondary", name: str = "") -> QPushButton:
    widget = QPushButton(parent)
    widget.setProperty("role", role)
    widget.setMinimumHeight(TOUCH)
    widget.setMinimumWidth(TOUCH)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if name:
        widget.setObjectName(name)
    return widget


class _TapLabel(QLabel):
    tapped = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.rect().contains(event.position().toPoint()):
            self.tapped.emit()
        super().mouseReleaseEvent(event)


class CheckRow(QWidget):
    """A check box whose text wraps (a QCheckBox's own text never does, so a long
    consent in French or large text was cut off): the box, then a word-wrapped
    label; a tap on the label toggles the box too. ``box`` is the QCheckBox."""

    def __init__(self, parent: QWidget, name: str):
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.box.setObjectName(name)
        self.box.setMinimumSize(TOUCH, TOUCH)
        self.text = _TapLabel(self)
        self.text.setObjectName(f"{name}_text")
        self.text.setProperty("role", "body")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.text.setCursor(Qt.CursorShape.PointingHandCursor)
        self.text.tapped.connect(self.box.click)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1, Qt.AlignmentFlag.AlignVCenter)

    def setText(self, text: str) -> None:
        self.text.setText(text)
        self.box.setAccessibleName(text)


def touch_drop_downs(root: QWidget) -> None:
    """Drop-down lists under ``root`` get items a finger can pick (at least 44 px tall).

    A QComboBox draws its list with a menu-style delegate that ignores the style
    sheet's ``::item`` sizes; the standard delegate honours them (assets/styles).
    """
    for combo in root.findChildren(QComboBox):
        if type(combo.itemDelegate()) is not QStyledItemDelegate:
            combo.setItemDelegate(QStyledItemDelegate(combo))


def set_text(widget, text: str, accessible: str | None = None) -> None:
    """Set a control's text and its accessible name together."""
    widget.setText(text)
    widget.setAccessibleName(accessible or text.replace("&", ""))


def label(parent: QWidget, role: str = "body", *, wrap: bool = True) -> QLabel:
    widget = QLabel(parent)
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def page_with_header(screen: QWidget) -> tuple[QVBoxLayout, QLabel, QPushButton]:
    """A secondary screen's frame: the outer layout, with a title and a Back button on top."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(24, 16, 24, 16)
    header = QHBoxLayout()
    title = label(screen, "greeting", wrap=False)
    back = button(screen, "secondary", "back")
    header.addWidget(title, 1)
    header.addWidget(back)
    outer.addLayout(header)
    return outer, title, back


def staff_and_languages(screen: QWidget, language_chosen) -> tuple[QHBoxLayout, QPushButton,
                                                                dict[str, QPushButton]]:
    """The top row of a welcome screen: the quiet Staff button, then one button per language
    (checkable, each emitting ``language_chosen`` with its code)."""
    row = QHBoxLayout()
    staff = button(screen, "quiet", "staff")
    row.addWidget(staff)
    row.addStretch(1)
    languages: dict[str, QPushButton] = {}
    for code, own_name in LANGUAGES.items():
        language_button = button(screen, "language", f"language_{code}")
        set_text(language_button, own_name)
        language_button.setCheckable(True)
        language_button.clicked.connect(lambda _=False, c=code: language_chosen.emit(c))
        languages[code] = language_button
        row.addWidget(language_button)
    return row, staff, languages
