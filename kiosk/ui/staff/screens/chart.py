"""Spend per month, drawn with QPainter (no QtCharts): one bar a month, oldest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.staff.texts import money, month_label

translate = QCoreApplication.translate

BAR = QColor("#8a3b12")       # 7.9:1 on white
TEXT = QColor("#1f2933")
GRID = QColor("#d9cfc4")
BACKGROUND = QColor("#ffffff")


def axis_money(amount: float) -> str:
    """Whole pounds, for the chart's axis ("£1,913")."""
    return QLocale().toCurrencyString(round(amount), "£", 0)


class SpendChart(QWidget):
    """Bars of ``[{"month": "2011-03", "spend": 12.5}, ...]``; its accessible name says
    the total and the biggest month, for screen readers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("spend_chart")
        self.months: list[dict[str, Any]] = []
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(240)
        self.summary = ""

    def set_months(self, months: list[dict[str, Any]]) -> None:
        self.months = [{"month": str(m["month"]), "spend": float(m.get("spend") or 0)}
                       for m in months]
        self._describe()
        self.update()

    def clear(self) -> None:
        self.set_months([])

    def _describe(self) -> None:
        if not self.months:
            self.summary = translate("SpendChart", "No purchases in the last 24 months.")
        else:
            top = max(self.months, key=lambda m: m["spend"])
            total = sum(m["spend"] for m in self.months)
            self.summary = (translate(
                "SpendChart", "Spend per month: %1 in all over %2 months; most in %3 (%4).")
                .replace("%1", money(total)).replace("%2", str(len(self.months)))
                .replace("%3", month_label(top["month"], short=False))
                .replace("%4", money(top["spend"])))
        self.setAccessibleName(translate("SpendChart", "Spend per month"))
        self.setAccessibleDescription(self.summary)
        self.setToolTip(self.summary)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._describe()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        font = QFont(self.font())
        font.setPixelSize(14)
        painter.setFont(font)
        painter.setPen(TEXT)
        width, height = self.width(), self.height()
        peak = max((m["spend"] for m in self.months), default=0.0) or 1.0
        labels = {step: axis_money(peak * step) for step in (0.0, 0.5, 1.0)}
        left = max(painter.fontMetrics().horizontalAdvance(text) for text in labels.values()) + 16
        right, top, bottom = 12, 14, 34
        plot = QRectF(left, top, max(1, width - left - right), max(1, height - top - bottom))
        if not self.months:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.summary)
            painter.end()
            return
        painter.setPen(QPen(GRID, 1))
        for step in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * step
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - 10, left - 8, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             labels[step])
            painter.setPen(QPen(GRID, 1))
        count = len(self.months)
        slot = plot.width() / count
        bar = max(2.0, slot * 0.7)
        label_every = max(1, int(60 // slot) + 1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BAR)
        for i, month in enumerate(self.months):
            share = month["spend"] / peak
            x = plot.left() + i * slot + (slot - bar) / 2
            painter.drawRect(QRectF(x, plot.bottom() - plot.height() * share, bar,
                                    plot.height() * share))
        painter.setPen(TEXT)
        for i, month in enumerate(self.months):
            if (count - 1 - i) % label_every:
                continue   # label the latest month and every few before it
            x = plot.left() + i * slot
            painter.drawText(QRectF(x - 30 + slot / 2, plot.bottom() + 6, 60, 22),
                             Qt.AlignmentFlag.AlignCenter, month_label(month["month"]))
        painter.end()
