"""The words of the kiosk that come from data: reasons, shelf titles, prices, stock.

Each reason code has a sentence template (the same table as
``kiosk.recommend.explain``, in English) translated through Qt.
"""

from __future__ import annotations

import re
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


def format_money(amount: Any) -> str:
    """A round sum as people write it (£10, 10 £); pence only when there are some."""
    value = float(amount)
    decimals = 0 if value == int(value) else 2
    return QLocale().toCurrencyString(value, "£", decimals)


def budget_text(value: Any) -> str:
    """A budget preference ("10") as the shopper reads it: "up to £10"."""
    try:
        amount = format_money(value)
    except (TypeError, ValueError):
        return str(value)
    return translate("Values", "up to %1").replace("%1", amount)


_LOCATION = re.compile(r"^\s*aisle\s+(\d+)\s*,\s*bay\s+(\d+)\s*$", re.IGNORECASE)


def location_text(location: Any) -> str:
    """A store location ("Aisle 2, bay 8", the stock data's format) in the kiosk's
    language; a location in any other format is shown as the store wrote it."""
    text = str(location).strip()
    found = _LOCATION.match(text)
    if found is None:
        return text
    return translate("Stock", "Aisle %1, bay %2").replace("%1", found[1]).replace(
        "%2", found[2])


def stock_line(quantity: Any, location: Any) -> str:
    if quantity is None:  # the store has no stock data for it: unknown, not zero
        return translate("Stock", "Ask us if it is in stock")
    if quantity <= 0:
        return translate("Stock", "Not in this store")
    if location:
        return translate("Stock", "In stock, %1").replace("%1", location_text(location))
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
                        colour=colour_name(str(data["colour"])))
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
        return fill(translate("Reasons", "In season: {season}."),
                    season=season_name(str(data.get("season", ""))))
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
        "other": translate("Themes", "other gifts"),
    }
    return names.get(theme, theme.replace("_", " "))


def season_name(season: str) -> str:
    """A season of the seasonal shelf (``plugins/recommend_popular.season_of``)."""
    names = {
        "christmas": translate("Themes", "Christmas"),
        "winter": translate("Seasons", "winter"),
        "spring": translate("Seasons", "spring"),
        "summer": translate("Seasons", "summer"),
        "autumn": translate("Seasons", "autumn"),
    }
    return names.get(season, season.replace("_", " "))


def colour_name(colour: str) -> str:
    """A colour of the catalogue (``kiosk.catalogue.COLOURS``), as a word in a sentence."""
    names = {
        "red": translate("Colours", "red"), "pink": translate("Colours", "pink"),
        "orange": translate("Colours", "orange"), "yellow": translate("Colours", "yellow"),
        "green": translate("Colours", "green"), "blue": translate("Colours", "blue"),
        "turquoise": translate("Colours", "turquoise"),
        "purple": translate("Colours", "purple"), "brown": translate("Colours", "brown"),
        "black": translate("Colours", "black"), "grey": translate("Colours", "grey"),
        "white": translate("Colours", "white"), "ivory": translate("Colours", "ivory"),
        "cream": translate("Colours", "cream"), "silver": translate("Colours", "silver"),
        "gold": translate("Colours", "gold"), "copper": translate("Colours", "copper"),
        "multicolour": translate("Colours", "many colours"),
    }
    return names.get(colour, colour.replace("_", " "))


def capitalised(text: str) -> str:
    """The first letter in capitals, the rest as it is ("up to £10" -> "Up to £10")."""
    return text[:1].upper() + text[1:]


def preference_value(key: str, value: str) -> str:
    """A stated preference's value in the kiosk's language: themes, colours, budgets."""
    if key == "theme":
        return theme_name(value)
    if key == "colour":
        return colour_name(value)
    if key == "budget":
        return budget_text(value)
    return value
