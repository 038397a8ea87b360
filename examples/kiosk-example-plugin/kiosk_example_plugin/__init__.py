"""Gifts under £5: an example third-party plugin for Personal Shopper Kiosk.

It adds a shelf of the store's best sellers under a price limit (a typed
setting, checked when the kiosk starts), shows them on its own "gift tag"
card, and adds the command ``kiosk gifts``. It uses only public hooks,
exactly as any plugin would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import click
import msgspec

from kiosk import hookimpl

SHELF_KEY = "gifts_under_five"
DEFAULT_MAX_PRICE = 5.0


class GiftSettings(msgspec.Struct, kw_only=True, frozen=True):
    """``[plugins.gifts_under_five]``: ``max_price`` above 0 and at most 10,000 (a price
    of 0 or less would leave the shelf empty, a huge one would make it the best sellers)."""

    max_price: Annotated[float, msgspec.Meta(gt=0, le=10_000)] = DEFAULT_MAX_PRICE


@dataclass(frozen=True)
class GiftIdea:
    """One pick of this shelf; the UI needs ``sku`` and ``name``, the rest is optional."""

    sku: str
    name: str
    price: float
    stock_quantity: int
    location: str | None
    baskets: int
    image: str | None = None
    theme: str | None = None
    gift: bool = True  # marks the items this plugin's card shows


def max_price(kiosk: Any) -> float:
    return kiosk.config.plugin_settings(SHELF_KEY, GiftSettings).max_price


def gift_ideas(kiosk: Any, limit: int = 6) -> list[GiftIdea]:
    """Best sellers of the last 30 days under the price limit, in stock in this store."""
    rows = kiosk.db.execute(
        """
        SELECT p.sku, p.name, p.price, s.quantity, s.location, p.image, p.theme,
               count(DISTINCT recent.invoice) AS baskets
        FROM products p
        JOIN stock s ON s.sku = p.sku AND s.store_id = :store AND s.quantity > 0
        LEFT JOIN purchases recent ON recent.sku = p.sku
             AND recent.ts >= (SELECT date(max(ts), '-30 days') FROM purchases)
        WHERE p.active = 1 AND p.price > 0 AND p.price <= :max_price
        GROUP BY p.sku
        ORDER BY baskets DESC, p.sku
        LIMIT :limit
        """,
        {"store": kiosk.config.store_id, "max_price": max_price(kiosk), "limit": limit},
    ).fetchall()
    return [GiftIdea(sku, name, price, quantity, location, baskets, image, theme)
            for sku, name, price, quantity, location, image, theme, baskets in rows]


@hookimpl
def kiosk_register_settings():
    from kiosk.settings import SettingsSection

    return [SettingsSection(SHELF_KEY, GiftSettings, "price limit of the gift shelf")]


@hookimpl
def kiosk_register_shelves(kiosk):
    from kiosk.ui.spec import ShelfSpec

    return [ShelfSpec(SHELF_KEY, "Gifts under £5", order=55,
                      items=lambda kiosk, customer_id, session_id: gift_ideas(kiosk))]


@hookimpl
def kiosk_render_card(kiosk, item, parent):
    if not getattr(item, "gift", False):
        return None  # not ours: the standard card shows it
    from kiosk_example_plugin.card import GiftTagCard

    return GiftTagCard(item, parent)


@hookimpl
def kiosk_register_commands(cli):
    from kiosk.cli import db_option, echo_json, json_option, open_kiosk

    @cli.command()
    @db_option
    @json_option
    @click.pass_context
    def gifts(ctx, db_path, as_json):
        """List this store's gift ideas under the price limit (example plugin)."""
        kiosk = open_kiosk(ctx, db_path)
        try:
            ideas = gift_ideas(kiosk)
        finally:
            kiosk.close()
        if as_json:
            echo_json([idea.__dict__ for idea in ideas])
            return
        for idea in ideas:
            click.echo(f"{idea.sku:<8} £{idea.price:>5.2f}  {idea.name}")
