"""Drag to scroll: kinetic scrolling (QScroller) on every scrolling area of a window.

A kiosk has no mouse wheel: a shopper drags the list with a finger, and the
list keeps gliding a little after the finger lifts (kinetic scrolling).
``enable_touch_scrolling`` does it for one area; ``enable_touch_scrolling_within``
for every scrolling area under a widget (a screen, a window, a plugin's screen).

Scrollbars stay visible and 44 px wide (assets/styles/*.qss): they show there is
more below, and an older shopper who tries to drag the bar itself can.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QScroller,
    QScrollerProperties,
    QWidget,
)

#: set on an area once it scrolls by touch (never grabbed twice)
TOUCH_PROPERTY = "touchScrolling"


def enable_touch_scrolling(area: QAbstractScrollArea, *, mouse: bool = False) -> None:
    """Kinetic drag-to-scroll on ``area``'s viewport, by touch (or by the left mouse button
    with ``mouse``: touch screens that only send mouse events, as some kiosk screens do)."""
    if area.property(TOUCH_PROPERTY):
        return
    viewport = area.viewport()
    gesture = (QScroller.ScrollerGestureType.LeftMouseButtonGesture if mouse
               else QScroller.ScrollerGestureType.TouchGesture)
    QScroller.grabGesture(viewport, gesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    # no rubber band past the ends: a kiosk list that bounces looks broken
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)
    if isinstance(area, QAbstractItemView):
        # a list scrolled by the finger moves smoothly, not one row at a time
        area.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        area.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    area.setProperty(TOUCH_PROPERTY, "mouse" if mouse else "touch")


def enable_touch_scrolling_within(root: QWidget, *, mouse: bool = False) -> int:
    """Every scrolling area under ``root`` (and ``root`` itself) scrolls by touch;
    returns how many areas there are. A drop-down's own pop-up list is left alone."""
    areas = root.findChildren(QAbstractScrollArea)
    if isinstance(root, QAbstractScrollArea):
        areas.insert(0, root)
    count = 0
    for area in areas:
        if isinstance(area.parent(), QComboBox) or _in_combo_popup(area):
            continue
        enable_touch_scrolling(area, mouse=mouse)
        count += 1
    return count


def _in_combo_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False
