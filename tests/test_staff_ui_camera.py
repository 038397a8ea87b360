"""The staff tablet's camera on a real store built from the full data: the QR code of a
client's card, as camera frames, opens that client's page; a card of someone who does not
share their profile with staff opens nothing and says so; a locked tablet opens nothing."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("staffstore", "staff_ui_support")

from staff_ui_support import settle, sign_in  # noqa: E402
from staffstore import ASSOCIATE  # noqa: E402

pytest_plugins = ["staffstore", "staff_ui_support"]

REFUSED = "This customer does not share their profile with staff."


def card_frame(code: str):
    """A camera frame (1280×720, grey background) with the card's QR code held up in it."""
    from PIL import Image, ImageQt
    from PySide6.QtMultimedia import QVideoFrame

    from kiosk.identity.card_image import qr_image

    frame = Image.new("RGB", (1280, 720), (90, 95, 100))
    symbol = qr_image(code, box_size=6).convert("RGB")
    frame.paste(symbol, ((1280 - symbol.width) // 2, (720 - symbol.height) // 2))
    video = QVideoFrame(ImageQt.ImageQt(frame.convert("RGBA")).copy())
    assert video.isValid()
    return video


def show_card(qtbot, window, code: str) -> None:
    """Hold the card up to the tablet's camera until a frame of it is decoded."""
    camera = window.camera
    decoded = camera.frames_decoded
    with qtbot.waitSignal(camera.code_scanned, timeout=10000) as scanned:
        assert camera.feed_frame(card_frame(code))
    assert scanned.args == [code]
    qtbot.waitUntil(lambda: camera.frames_decoded == decoded + 1 and not camera.busy)
    settle(qtbot, window)


def audited(window, customer_id: str) -> list[str]:
    return [r[0] for r in window.kiosk.db.execute(
        "SELECT action FROM staff_audit WHERE customer_id = ? ORDER BY id", [customer_id])]


def test_a_card_shown_to_the_camera_opens_that_clients_page(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    assert window.camera is not None, "the staff window has a camera scanner"
    customer_id = staff_store.consenting[5]
    card = window.kiosk.identity.issue_card(customer_id)
    sign_in(qtbot, window)
    assert window.current() == "advisor"
    show_card(qtbot, window, card.code)
    qtbot.waitUntil(lambda: window.current() == "customer", timeout=5000)
    assert window.customer.customer_id == customer_id
    qtbot.waitUntil(lambda: window.customer_screen.title.text() != "", timeout=5000)
    assert window.customer_screen.title.text() == staff_store.names[customer_id]
    assert not window.banner.isVisible()
    assert audited(window, customer_id) == ["find_card", "view"]
    who = window.kiosk.db.execute("SELECT DISTINCT staff FROM staff_audit WHERE "
                                  "customer_id = ?", [customer_id]).fetchall()
    assert who == [(ASSOCIATE[0],)]


def test_a_card_of_someone_who_refused_opens_nothing_and_says_so(qtbot, staff_store,
                                                                 tablets):
    window = tablets.open(staff_store)
    refusing = staff_store.refusing[0]
    card = window.kiosk.identity.issue_card(refusing)
    sign_in(qtbot, window)
    show_card(qtbot, window, card.code)
    # on today's list: the banner says why
    assert window.current() == "advisor" and window.customer.customer_id is None
    assert window.banner.isVisible() and window.banner.text() == REFUSED
    # in the client book: the book's own line says it (and the list stays as it was)
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    listed = [row.customer_id for row in window.book.rows]
    window.camera.forget()     # the same card again, at once: not a card still held up
    show_card(qtbot, window, card.code)
    assert window.current() == "book" and window.customer.customer_id is None
    assert window.book_screen.message.isVisible()
    assert window.book_screen.message.text() == REFUSED
    assert [row.customer_id for row in window.book.rows] == listed
    assert refusing not in listed
    assert audited(window, refusing) == [], "nothing about them was read or written"


def test_a_locked_tablet_opens_nothing_for_a_card(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    customer_id = staff_store.consenting[6]
    card = window.kiosk.identity.issue_card(customer_id)
    assert window.current() == "sign_in" and window.desk.session is None
    show_card(qtbot, window, card.code)
    assert window.current() == "sign_in" and window.customer.customer_id is None
    assert not window.banner.isVisible() and not window.nav.isVisible()
    # signing in afterwards does not open the card shown while locked
    sign_in(qtbot, window)
    assert window.current() == "advisor" and window.customer.customer_id is None
    # nor does a card shown after Lock
    window.nav.lock_button.click()
    settle(qtbot, window)
    show_card(qtbot, window, card.code)
    assert window.current() == "sign_in" and window.customer.customer_id is None
    assert audited(window, customer_id) == []
