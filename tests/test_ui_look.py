"""Looks and words: themes, product tiles, reason sentences, QR images, the idle timer."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice

from kiosk.recommend import Reason
from kiosk.ui.look import initials, product_pixmap, stylesheet, theme_colour
from kiosk.ui.texts import format_price, stock_line, why_this


def test_themes_and_large_text():
    default = stylesheet("default")
    contrast = stylesheet("high-contrast")
    assert "QPushButton" in default and "#ffff00" in contrast.lower()
    assert stylesheet("default", large_text=True).startswith(default)
    assert len(stylesheet("default", large_text=True)) > len(default)
    with pytest.raises(ValueError, match="unknown theme"):
        stylesheet("neon")


def test_generated_tile_is_the_themes_drawing_and_initials_still_work(qapp):
    # issue 13: a drawing per theme (tests/test_product_art.py), no longer initials
    tile = product_pixmap(None, "WHITE HANGING HEART T-LIGHT HOLDER", "candles_lights", 120)
    assert tile.width() == 120
    image = tile.toImage()
    body = theme_colour("candles_lights").name()
    assert any(image.pixelColor(x, y).name() == body for x in range(120) for y in range(120))
    assert initials("WHITE HANGING HEART T-LIGHT HOLDER") == "WH"
    assert initials("60 CAKE CASES") == "CC"
    missing_photo = product_pixmap("no/such/image.png", "Jam set", None, 64)
    assert missing_photo.width() == 64 and not missing_photo.isNull()


@pytest.mark.parametrize(("reason", "expected"), [
    (Reason("buy_again", {"last_bought": "2011-10-02", "times": 3, "interval_days": 30}),
     "You buy this about every 30 days; last time on 2 October 2011."),
    (Reason("buy_again", {"last_bought": "2011-10-02", "interval_days": 1.0}),
     "You bought this on 2 October 2011. Time to restock?"),
    (Reason("buy_again", {"last_bought": "2011-10-02"}),
     "You bought this on 2 October 2011. Time to restock?"),
    (Reason("goes_with", {"trigger_sku": "22423", "trigger_name": "REGENCY CAKESTAND 3 TIER",
                          "bought_on": "2011-11-20"}),
     "Goes with the Regency Cakestand 3 Tier you bought on 20 November 2011."),
    (Reason("similar_shoppers", {}), "Shoppers who buy what you buy also like this."),
    (Reason("content_match", {"theme": "garden"}), "You like garden things."),
    (Reason("content_match", {"colour": "blue"}), "In blue, a colour you like."),
    (Reason("popular_here", {"days": 14}), "Popular in this store over the last 14 days."),
    (Reason("trending", {}), "Selling fast this week."),
    (Reason("seasonal", {"season": "Christmas"}), "In season: Christmas."),
    (Reason("staff_pick", {"staff_name": "Sam", "note": "Lovely gift"}),
     "Picked for you by Sam. “Lovely gift”"),
    (Reason("more_like_this", {"anchor_sku": "1", "anchor_name": "JAM MAKING SET"}),
     "Like the Jam Making Set you asked about."),
    # reasons relayed from another device carry their code only (issue 12: shown lately)
    (Reason("buy_again", {}), "You have bought this before. Time to restock?"),
    (Reason("goes_with", {}), "Goes with something you bought."),
    (Reason("seasonal", {}), "In season now."),
    (Reason("staff_pick", {}), "Picked for you by our staff."),
    (Reason("more_like_this", {}), "More like something you liked."),
    (Reason("something_new", {}), "Suggested for you."),
    (None, "Suggested for you."),
])
def test_why_this_sentences(qapp, reason, expected):
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("en_GB"))
    assert why_this(reason) == expected


def test_stock_and_price(qapp):
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("en_GB"))
    assert stock_line(4, "aisle 4") == "In stock, aisle 4"
    assert stock_line(4, None) == "In stock"
    assert stock_line(0, "aisle 4") == "Not in this store"
    assert stock_line(None, None) == "Ask us if it is in stock"  # unknown, not zero
    assert format_price(2.55) == "£2.55"


def test_qr_image_round_trip(qapp):
    from kiosk.ui.qr import qr_image

    text = "My list\n- JAM MAKING SET £4.25 (aisle 2)\n- Crème brûlée set"
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    qr_image(text).save(buffer, "PNG")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))
    assert [f.text for f in found] == [text]


def test_idle_monitor_warns_extends_and_times_out(qtbot):
    from kiosk.ui.presenters.idle import IdleMonitor

    idle = IdleMonitor(idle_seconds=1, warning_seconds=1)
    with qtbot.assertNotEmitted(idle.warning, wait=300):
        pass                                        # not armed: nothing happens
    idle.arm()
    with qtbot.waitSignal(idle.warning, timeout=3000) as warned:
        pass
    assert warned.args == [1] and idle.warning_shown
    with qtbot.waitSignal(idle.extended, timeout=1000):
        idle.extend()
    assert not idle.warning_shown and idle.armed
    with qtbot.waitSignal(idle.timed_out, timeout=5000):
        pass
    assert not idle.armed


def test_run_command_is_registered_without_loading_qt():
    import subprocess
    import sys

    code = ("import sys; from kiosk.cli import cli; "
            "cli(['run', '--help'], standalone_mode=False); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "--windowed" in done.stdout


def test_display_name():
    from kiosk.ui.texts import display_name

    assert display_name("WHITE HANGING HEART T-LIGHT HOLDER") == \
        "White Hanging Heart T-light Holder"
    assert display_name("RED WOOLLY HOTTIE WHITE HEART.") == "Red Woolly Hottie White Heart"
    assert display_name("SET 7 BABUSHKA NESTING BOXES") == "Set 7 Babushka Nesting Boxes"
    assert display_name("Jam making set") == "Jam making set"


def test_shelves_share_out_twelve_fairly():
    from kiosk.ui.presenters.shelves import MAX_CARDS, ShelfView, share_out

    class P:
        def __init__(self, sku):
            self.sku = sku

    shelves = [ShelfView("restock", "", [P(f"r{i}") for i in range(20)]),
               ShelfView("goes_with", "", [P("r0"), P("g1"), P("g2")]),
               ShelfView("empty", "", []),
               ShelfView("popular", "", [P(f"p{i}") for i in range(20)])]
    out = share_out(shelves, hidden={"r1"})
    skus = [p.sku for s in out for p in s.picks]
    assert len(skus) == MAX_CARDS == len(set(skus))
    assert "r1" not in skus
    assert [s.key for s in out] == ["restock", "goes_with", "popular"]
    assert [len(s.picks) for s in out] == [5, 2, 5]
