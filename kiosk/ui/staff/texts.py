"""The staff app's words that come from data: filters, sources, actions, colours, amounts.

Data values (themes, colours, preference sources, reasons, audit actions) are
shown through Qt translation like every other string.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from kiosk.ui.texts import format_date, format_price, why_this
from kiosk.ui.texts import preference_value as shopper_words

translate = QCoreApplication.translate

PREFERENCE_KEYS = ("theme", "colour", "budget", "size")
THEMES = ("christmas", "kitchen", "bags", "candles_lights", "stationery", "garden",
          "home_decor", "party", "toys_games", "jewellery_accessories", "bathroom", "storage")
_LOCATION = re.compile(r"aisle (\d+)(?:, bay (\d+))?", re.IGNORECASE)
COLOURS = ("red", "pink", "blue", "green", "white", "black", "gold", "silver")


def filter_name(key: str) -> str:
    names = {
        "lapsing": translate("StaffTexts", "Lapsing"),
        "recently_seen": translate("StaffTexts", "Recently seen"),
        "saved_not_bought": translate("StaffTexts", "Saved, not bought"),
        "high_value": translate("StaffTexts", "High value"),
    }
    return names.get(key, key.replace("_", " "))


def source_name(source: str) -> str:
    names = {
        "shopper": translate("StaffTexts", "from the shopper"),
        "staff": translate("StaffTexts", "from staff"),
        "inferred": translate("StaffTexts", "inferred from what they bought"),
    }
    return names.get(source, source)


def preference_key_name(key: str) -> str:
    names = {
        "theme": translate("StaffTexts", "Theme"),
        "colour": translate("StaffTexts", "Colour"),
        "budget": translate("StaffTexts", "Budget"),
        "size": translate("StaffTexts", "Size"),
    }
    return names.get(key, key.replace("_", " ").capitalize())


def preference_value(key: str, value: str) -> str:
    """A preference's value as staff read it: the kiosk's words (themes, colours, budgets
    as money), so staff and shopper read the same."""
    return shopper_words(key, value)


def action_name(action: str) -> str:
    names = {
        "view": translate("StaffTexts", "opened the profile"),
        "search": translate("StaffTexts", "searched"),
        "note": translate("StaffTexts", "wrote a note"),
        "pick": translate("StaffTexts", "picked an item"),
        "pin": translate("StaffTexts", "pinned an item"),
        "hide": translate("StaffTexts", "hid an item"),
        "preference": translate("StaffTexts", "changed a preference"),
        "assign": translate("StaffTexts", "changed the advisor"),
        "unpick": translate("StaffTexts", "removed a pick"),
        "suggested": translate("StaffTexts", "looked at the recommenders' picks"),
        "contact": translate("StaffTexts", "sent a message"),
        "find_card": translate("StaffTexts", "scanned their card"),
        "audit": translate("StaffTexts", "read who opened the profile"),
        "sign_in": translate("StaffTexts", "signed in"),
        "sign_out": translate("StaffTexts", "signed out"),
    }
    return names.get(action, action.replace("_", " "))


def reason_text(reason: Any) -> str:
    """A recommender's reason ({code, params, text}) in the current language."""
    if not isinstance(reason, dict):
        return why_this(None)
    data = reason.get("params") or reason.get("data") or {}
    return why_this({"code": reason.get("code"), "data": data})


def month_label(month: str, *, short: bool = True) -> str:
    """"2011-03" as "Mar 11" (short) or "March 2011", in the current language."""
    try:
        year, number = (int(part) for part in month.split("-")[:2])
    except ValueError:
        return month
    return QLocale().toString(QDate(year, number, 1), "MMM yy" if short else "MMMM yyyy")


def money(amount: Any) -> str:
    return format_price(amount) if amount is not None else ""


def day(value: Any) -> str:
    return format_date(value) if value else translate("StaffTexts", "never")


def stock_text(stock: Any, location: Any) -> str:
    """Stock and place in this store, for staff."""
    if stock is None:
        return translate("StaffTexts", "stock unknown")
    if stock <= 0:
        return translate("StaffTexts", "out of stock here")
    where = location_name(location)
    text = translate("StaffTexts", "%1 in stock").replace("%1", str(stock))
    return f"{text}, {where}" if where else text


def location_name(location: Any) -> str:
    """A shelf location ("Aisle 4, bay 2") in the current language; others as they are."""
    if not location:
        return ""
    text = str(location).strip()
    found = _LOCATION.fullmatch(text)
    if found is None:
        return text
    aisle, bay = found.group(1), found.group(2)
    if bay is None:
        return translate("StaffTexts", "Aisle %1").replace("%1", aisle)
    return translate("StaffTexts", "Aisle %1, bay %2").replace("%1", aisle).replace("%2", bay)
