"""Building blocks of the staff screens: a layout that reflows between landscape and
portrait, touch rows with actions, and a scrolling page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.screens.common import button, label, set_text
from kiosk.ui.touch import enable_touch_scrolling

#: narrower than this (px), the columns of a screen stack one above the other
PORTRAIT_BELOW = 1000


class Reflow(QWidget):
    """Columns side by side in landscape, one above the other in portrait."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 20):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        self.columns: list[QVBoxLayout] = []

    def column(self, stretch: int = 1) -> QVBoxLayout:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.box.addWidget(holder, stretch, Qt.AlignmentFlag.AlignTop)
        self.columns.append(layout)
        return layout

    @property
    def portrait(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event) -> None:
        direction = (QBoxLayout.Direction.TopToBottom if event.size().width() < PORTRAIT_BELOW
                     else QBoxLayout.Direction.LeftToRight)
        if direction != self.box.direction():
            self.box.setDirection(direction)
        super().resizeEvent(event)


def scrolling(parent: QWidget) -> tuple[QScrollArea, QWidget, QVBoxLayout]:
    """A vertical scroll area with a body to fill."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget(area)
    body.setObjectName("staff_page")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 8, 0)
    layout.setSpacing(12)
    area.setWidget(body)
    enable_touch_scrolling(area)  # a tablet: drag to scroll (its fields keep mouse selection)
    return area, body, layout


def clear_layout(layout: QLayout) -> None:
    """Delete every widget in ``layout`` (the data they showed goes with them)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def section_title(parent: QWidget) -> QLabel:
    return label(parent, "section-title", wrap=True)


class ItemRow(QFrame):
    """A row of a list: a title, a detail line, and touch buttons on the right."""

    def __init__(self, parent: QWidget, title: str, detail: str = "", *,
                 name: str = ""):
        super().__init__(parent)
        self.setProperty("role", "row")
        if name:
            self.setObjectName(name)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 8, 10, 8)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = label(self, "row-title")
        self.title.setText(title)
        self.title.setAccessibleName(title)
        texts.addWidget(self.title)
        self.detail = label(self, "row-detail")
        self.detail.setText(detail)
        self.detail.setAccessibleName(detail)
        self.detail.setVisible(bool(detail))
        texts.addWidget(self.detail)
        outer.addLayout(texts, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)
        outer.addLayout(self.actions)
        self.setAccessibleName(f"{title}. {detail}" if detail else title)

    def action(self, text: str, on_click: Callable[[], None], *, role: str = "secondary",
               name: str = "", accessible: str | None = None) -> QPushButton:
        widget = button(self, role, name)
        set_text(widget, text, accessible)
        widget.clicked.connect(lambda _=False: on_click())
        self.actions.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        return widget


class RowButton(QPushButton):
    """A whole row as one touch target: a title line and a detail line."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget, key: str, title: str, detail: str):
        super().__init__(parent)
        self.key = key
        self.setProperty("role", "row-button")
        self.setMinimumHeight(64)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_row(key, title, detail)
        self.clicked.connect(lambda _=False: self.chosen.emit(self.key))

    def show_row(self, key: str, title: str, detail: str) -> None:
        """Show another row in this button (lists reuse their rows as you type)."""
        self.key = key
        set_text(self, f"{title}\n{detail}" if detail else title,
                 f"{title}. {detail}" if detail else title)


def empty_line(parent: QWidget, text: str) -> QLabel:
    widget = label(parent, "hint")
    widget.setText(text)
    widget.setAccessibleName(text)
    return widget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto new lines as the width runs out (chips)."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8):
        super().__init__(parent)
        self.items: list = []
        self.gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self.items.append(item)

    def count(self) -> int:
        return len(self.items)

    def itemAt(self, index: int):
        return self.items[index] if 0 <= index < len(self.items) else None

    def takeAt(self, index: int):
        return self.items.pop(index) if 0 <= index < len(self.items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self.items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self.items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self.gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.gap
            line = max(line, hint.height())
        return y + line - rect.y()
