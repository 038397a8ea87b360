"""Catalogue enrichment: seed rules, the classifier that spreads them, colours, the store."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kiosk.catalogue import COLOURS, THEMES, colours_of, enrich, seed_theme
from kiosk.catalogue.classify import assign_themes
from kiosk.cli import cli

AGREED_THEMES = {"christmas", "kitchen", "bags", "candles_lights", "stationery", "garden",
                 "home_decor", "party", "toys_games", "jewellery_accessories", "bathroom",
                 "storage", "other"}


def test_themes_have_shopper_friendly_names():
    assert set(THEMES) >= AGREED_THEMES
    for key, name in THEMES.items():
        assert name and name[0].isupper() and "_" not in name, key


def test_seed_rules_read_the_head_noun():
    assert seed_theme("RED POLKADOT PUDDING BOWL") == "kitchen"
    assert seed_theme("JUMBO BAG RED RETROSPOT") == "bags"
    assert seed_theme("CHRISTMAS CANDLE LARGE") == "christmas"
    assert seed_theme("WHITE HANGING HEART T-LIGHT HOLDER") == "candles_lights"
    assert seed_theme("ANTIQUE GLASS HEART DECORATION") == "home_decor"
    assert seed_theme("PINK FAIRY CAKE CHILDRENS APRON") == "kitchen"
    assert seed_theme("SET OF 20 KIDS COOKIE CUTTERS") == "kitchen"
    assert seed_theme("RED RETROSPOT TEA TOWEL") == "kitchen"
    assert seed_theme("LOVE HEART BATH TOWEL") == "bathroom"
    assert seed_theme("GROOVY CACTUS INFLATABLE") is None


def test_colours_from_the_vocabulary_only():
    assert colours_of("PINK AND BLACK STRING CURTAIN") == ["pink", "black"]
    assert colours_of("IVORY WIRE SWEETHEART LETTER RACK") == ["ivory"]
    assert colours_of("LIPSTICK PEN FUSCHIA") == ["pink"]
    assert colours_of("SILVER AND GOLD BAUBLE, NAVY") == ["silver", "gold", "blue"]
    assert colours_of("ICE CREAM SUNDAE LIP GLOSS") == []  # a flavour, not cream
    assert colours_of("REDWOOD TABLE") == []  # whole words only
    assert colours_of("JUMBO BAG RETROSPOT") == []  # no guessing
    assert {c for name in ("RED BLUE", "ASS COL BUTTONS") for c in colours_of(name)} <= \
        set(COLOURS)


def test_classifier_spreads_seed_themes_to_unseeded_names():
    names = ["ZORBLE MUG", "ZORBLE BOWL", "ZORBLE PLATE", "ZORBLE SAUCER", "ZORBLE JUG",
             "FLIMWAX NOTEBOOK", "FLIMWAX PENCIL", "FLIMWAX GREETING CARD", "FLIMWAX DIARY",
             "FLIMWAX STICKERS", "ZORBLE THINGAMY", "FLIMWAX WHATSIT", "QWXYZ"]
    result = assign_themes(names)
    themes = dict(zip(names, result.themes, strict=True))
    assert themes["ZORBLE THINGAMY"] == "kitchen"
    assert themes["FLIMWAX WHATSIT"] == "stationery"
    assert result.seeded == 10 and result.predicted + result.unsure == 3
    assert assign_themes(names).themes == result.themes  # deterministic


def products_db(kiosk, names: list[str]):
    with kiosk.db.atomic():
        for i, name in enumerate(names):
            kiosk.db.execute("INSERT INTO products (sku, name, price) VALUES (?, ?, 1.0)",
                             [f"{10000 + i}", name])
    return kiosk.db


def test_enrich_writes_theme_and_colours_and_reports_shares(kiosk):
    db = products_db(kiosk, ["RED RETROSPOT MUG", "BLUE POLKADOT BOWL", "PARTY BUNTING",
                             "GROOVY CACTUS INFLATABLE"])
    report = enrich(kiosk)
    rows = {sku: (theme, json.loads(colours)) for sku, theme, colours in
            db.execute("SELECT sku, theme, colours FROM products")}
    assert rows["10000"] == ("kitchen", ["red"])
    assert rows["10001"] == ("kitchen", ["blue"])
    assert rows["10002"][0] == "party"
    assert rows["10003"][1] == []
    assert report.products == 4 and report.coloured == 2 and report.colour_share == 0.5
    assert report.themed == sum(1 for theme, _ in rows.values() if theme != "other")
    assert report.theme_share == round(report.themed / 4, 4)
    assert report.changed == 4
    again = enrich(db)  # a Database works as well as a Kiosk
    assert again.changed == 0 and again.by_theme == report.by_theme


def test_enrich_on_an_empty_catalogue(kiosk):
    report = enrich(kiosk)
    assert report.products == 0 and report.theme_share == 0.0


def test_cli_catalogue_enrich(kiosk, tmp_path):
    products_db(kiosk, ["RED RETROSPOT MUG", "JUMBO BAG PINK POLKADOT"])
    path = str(kiosk.store.path)
    kiosk.close()
    result = CliRunner().invoke(cli, ["catalogue", "enrich", "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["theme_share"] == 1.0 and report["colour_share"] == 1.0
    text = CliRunner().invoke(cli, ["catalogue", "enrich", "--db", path]).stdout
    assert "100.0% got a theme" in text and "Kitchen & dining" in text
    themes = CliRunner().invoke(cli, ["catalogue", "themes", "--json"])
    assert json.loads(themes.stdout) == THEMES
