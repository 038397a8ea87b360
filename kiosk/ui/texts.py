"""The words of the kiosk that come from data: reasons, shelf titles, prices, stock.

Each reason code has a sentence template (the same table as
``kiosk.recommend.explain``, in English) translated through Qt.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

translate = QCoreApplication.translate


def _s(text: str) -> str:
    return translate("Shelves", text)


def display_name(name: str) -> str:
    """Product names as people write them: the till's ALL CAPS become Title Case."""
    name = " ".join(str(name).split()).rstrip(".")
    if name.isupper():
        return " ".join(word if any(c.isdigit() for c in word) else word.capitalize()
                        for word in name.lower().split())
    return name


def shelf_title(key: str, title: str) -> str:
    """A shelf's title in the current language (built-in ones are listed here for lupdate)."""
    builtin = {
        "restock": translate("Shelves", "Time to restock"),
        "goes_with": translate("Shelves", "Goes with what you bought"),
        "new_for_you": translate("Shelves", "New for you"),
        "staff_pick": translate("Shelves", "Staff pick"),
        "popular": translate("Shelves", "Popular in this store"),
        "seasonal": translate("Shelves", "In season"),
        "more_like_this": translate("Shelves", "More like this"),
    }
    return builtin.get(key) or _s(title)


def format_date(value: Any) -> str:
    if not value:
        return ""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def format_price(price: Any) -> str:
    if price is None:
        return ""
    return QLocale().toCurrencyString(float(price), "£")


def stock_line(quantity: Any, location: Any) -> str:
    if quantity is None:  # the store has no stock data for it: unknown, not zero
        return translate("Stock", "Ask us if it is in stock")
    if quantity <= 0:
        return translate("Stock", "Not in this store")
    if location:
        return translate("Stock", "In stock, %1").replace("%1", str(location))
    return translate("Stock", "In stock")


def why_this(reason: Any) -> str:
    """The "Why this?" sentence for a reason (an object with ``code`` and ``data``)."""
    if reason is None:
        return translate("Reasons", "Suggested for you.")
    code = getattr(reason, "code", None) or (reason.get("code") if isinstance(reason, dict)
                                             else None)
    data = getattr(reason, "data", None)
    if data is None and isinstance(reason, dict):
        data = reason.get("data")
    data = data or {}

    def fill(template: str, **values: Any) -> str:
        for key, value in values.items():
            template = template.replace("{" + key + "}", str(value))
        return template

    # a reason relayed from another device carries its code only: say it without the data
    if code == "buy_again" and not data.get("last_bought"):
        return translate("Reasons", "You have bought this before. Time to restock?")
    if code == "goes_with" and not data.get("trigger_name"):
        return translate("Reasons", "Goes with something you bought.")
    if code == "seasonal" and not data.get("season"):
        return translate("Reasons", "In season now.")
    if code == "staff_pick" and not data.get("staff_name"):
        return translate("Reasons", "Picked for you by our staff.")
    if code == "more_like_this" and not data.get("anchor_name"):
        return translate("Reasons", "More like something you liked.")
    if code == "buy_again":
        interval = round(float(data.get("interval_days") or 0))
        if interval >= 2:
            return fill(translate("Reasons",
                                  "You buy this about every {days} days; last time on {date}."),
                        days=interval, date=format_date(data.get("last_bought")))
        return fill(translate("Reasons", "You bought this on {date}. Time to restock?"),
                    date=format_date(data.get("last_bought")))
    if code == "goes_with":
        return fill(translate("Reasons", "Goes with the {name} you bought on {date}."),
                    name=display_name(str(data.get("trigger_name", ""))),
                    date=format_date(data.get("bought_on")))
    if code == "similar_shoppers":
        return translate("Reasons", "Shoppers who buy what you buy also like this.")
    if code == "content_match":
        if data.get("theme"):
            return fill(translate("Reasons", "You like {theme} things."),
                        theme=theme_name(str(data["theme"])))
        if data.get("colour"):
            return fill(translate("Reasons", "In {colour}, a colour you like."),
                        colour=data["colour"])
        if data.get("anchor_name"):
            return fill(translate("Reasons", "Like the {name} you bought."),
                        name=display_name(str(data["anchor_name"])))
        return translate("Reasons", "Like other things you have chosen.")
    if code == "popular_here":
        return fill(translate("Reasons", "Popular in this store over the last {days} days."),
                    days=data.get("days", 30))
    if code == "trending":
        return translate("Reasons", "Selling fast this week.")
    if code == "seasonal":
        return fill(translate("Reasons", "In season: {season}."), season=data.get("season", ""))
    if code == "staff_pick":
        sentence = fill(translate("Reasons", "Picked for you by {name}."),
                        name=data.get("staff_name", ""))
        if data.get("note"):
            sentence += f" “{data['note']}”"
        return sentence
    if code == "more_like_this":
        return fill(translate("Reasons", "Like the {name} you asked about."),
                    name=display_name(str(data.get("anchor_name", ""))))
    return translate("Reasons", "Suggested for you.")


def theme_name(theme: str) -> str:
    names = {
        "christmas": translate("Themes", "Christmas"),
        "kitchen": translate("Themes", "kitchen"),
        "bags": translate("Themes", "bags"),
        "candles_lights": translate("Themes", "candles and lights"),
        "stationery": translate("Themes", "stationery"),
        "garden": translate("Themes", "garden"),
        "home_decor": translate("Themes", "home decor"),
        "party": translate("Themes", "party"),
        "toys_games": translate("Themes", "toys and games"),
        "jewellery_accessories": translate("Themes", "jewellery"),
        "bathroom": translate("Themes", "bathroom"),
        "storage": translate("Themes", "storage"),
    }
    return names.get(theme, theme.replace("_", " "))
