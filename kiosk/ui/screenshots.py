"""Render every kiosk screen offscreen: ``python -m kiosk.ui.screenshots OUTDIR``.

Each shopper's screen at 1080×1920, 768×1024 and 1920×1080, in English and
French, with and without large text (``picks-1080x1920-fr-large.png``); the staff
tablet's screens (``staff-*.png``, alone with ``--staff-only``).

Works on a copy of the store (``--db FILE``, default: a demo store built with
``kiosk.demo`` into a temporary folder), so the real database is untouched.
The out-of-order screen is shot on a second copy whose purchases table is
really damaged (pages overwritten while no connection is open).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = ((1080, 1920), (768, 1024), (1920, 1080))
LANGUAGES = ("en", "fr")
#: the staff tablet: landscape and portrait
STAFF_SIZES = ((1280, 800), (800, 1280))


def _copy_db(source: Path, target: Path) -> None:
    """A copy of the store with its key file (``kiosk.store.files.copy_database``)."""
    from kiosk.store.files import copy_database

    copy_database(source, target)


def _damage_table(path: Path, table: str) -> None:
    """Overwrite every page of ``table`` in a closed copy (no connection may be open)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in db.execute("SELECT pageno FROM dbstat WHERE name = ?",
                                              [table])]
    finally:
        db.close()
    with open(path, "r+b") as raw:
        for page in pages:
            raw.seek((page - 1) * page_size)
            raw.write(b"\xa5" * page_size)


def render_out_of_order(kiosk: Any, outdir: Path, work: Path, *, sizes=SIZES,
                        languages=LANGUAGES) -> list[Path]:
    """The out-of-order screen, on a damaged copy of the store."""
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.ui.app import create_window

    copy = work / "damaged.db"
    _copy_db(kiosk.store.path, copy)
    _damage_table(copy, "purchases")
    damaged = Kiosk(kiosk.config.with_overrides(database=str(copy)))
    app = QApplication.instance()
    written = []
    try:
        for width, height in sizes:
            window = create_window(damaged, windowed=True, language=languages[0])
            window.resize(width, height)
            window.show()
            for language in languages:
                window.set_language(language)
                _settle(app, window)
                path = outdir / shot_name("out-of-order", width, height, language, False)
                window.grab().save(str(path))
                written.append(path)
            window.unlocked = True
            window.close()
            window.deleteLater()
            app.processEvents()
    finally:
        damaged.close()
    return written


def demo_shopper(kiosk: Any) -> str:
    """A loyalty code for the demo store's best-known shopper who said yes."""
    from kiosk.store import customers, purchases

    db = kiosk.db
    named = customers.named(db)
    best = purchases.best_customers(db, customers.count(db))
    customer_id = next((c for c in best if c in named), None)
    if customer_id is None:
        customer_id = best[0]
        with kiosk.transaction():
            customers.set_first_name(db, customer_id, "Anna")
    if not kiosk.privacy.consented(customer_id, "personalisation"):
        kiosk.privacy.set_consents(customer_id, {"personalisation": True}, "kiosk")
    return kiosk.identity.issue_card(customer_id).code


class _DaysAhead:
    """A clock some days ahead of the real one."""

    def __init__(self, days: int):
        self.days = days

    def __call__(self) -> float:
        return time.time() + self.days * 86_400


def _settle(app, window) -> None:
    for _ in range(3):
        window.worker.wait(60000)
        app.processEvents()
    app.processEvents()


def shot_name(name: str, width: int, height: int, language: str, large: bool) -> str:
    """``picks-1080x1920-fr-large.png``: screen, size, language, large text or not."""
    return f"{name}-{width}x{height}-{language}{'-large' if large else ''}.png"


def render_all(kiosk: Any, outdir: Path, *, sizes=SIZES, languages=LANGUAGES,
               text_sizes=(False, True)) -> list[Path]:
    """Every shopper's screen at each size, in each language, with and without large text."""
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import apply_look

    outdir.mkdir(parents=True, exist_ok=True)
    code = demo_shopper(kiosk)
    written: list[Path] = []
    app = QApplication.instance()
    from kiosk.ui.app import create_window

    for width, height in sizes:
        window = create_window(kiosk, windowed=True, language=languages[0])
        window.resize(width, height)
        window.show()
        _settle(app, window)
        for language in languages:
            for large in text_sizes:
                written += _render_screens(app, window, kiosk, code, outdir, language, large,
                                           (width, height))
        window.unlocked = True
        window.close()
        window.deleteLater()
        app.processEvents()
    apply_look(app, kiosk.config.theme, kiosk.config.large_text)
    return written


def _render_screens(app: Any, window: Any, kiosk: Any, code: str, outdir: Path,
                    language: str, large: bool, size: tuple[int, int]) -> list[Path]:
    """One language and text size: every screen, from the attract screen on."""
    width, height = size
    if (window.width(), window.height()) != size:
        print(f"warning: the window is {window.width()}x{window.height()}, not "
              f"{width}x{height}: a screen does not fit", file=sys.stderr)
    written: list[Path] = []
    # this store's look, as if configured so: a shopper's reset keeps it
    window.accessibility.config = kiosk.config.with_overrides(large_text=large)
    window.session.reset()
    window.set_language(language)
    _settle(app, window)

    def shot(name: str) -> None:
        if window.translations.language != language:  # a reset went back to the store's
            window.set_language(language)
        _settle(app, window)
        path = outdir / shot_name(name, width, height, language, large)
        window.grab().save(str(path))
        written.append(path)

    def reset() -> None:
        window.session.reset()
        _settle(app, window)

    def scan_shopper() -> None:
        # the rate limit's clock a day on: every pass shows a refused code first, and
        # those failures must not make the next pass's scan wait (kiosk.identity.ratelimit)
        window.kiosk.identity.clock = _DaysAhead(
            getattr(window.kiosk.identity.clock, "days", 0) + 1)
        window.session.identify(code)

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("attract", lambda: None),
        ("accessibility", window.attract.accessibility_button.click),
        ("error-bad-code", lambda: (window.accessibility_panel.hide(),
                                    window.session.identify("NOT-A-REAL-CODE"))),
        ("picks", scan_shopper),
        ("more-like-this", lambda: window.picks.cards()[1].more_button.click()),
        ("undo", lambda: (window.picks.similar_panel.hide(),
                          window.picks.cards()[0].not_for_me_button.click())),
        ("saved", lambda: (window.picks.undo_bar.undo_button.click(),
                           [c.save_button.click() for c in window.picks.cards()[:3]],
                           window.picks.saved_button.click())),
        ("my-data", window.picks.my_data_button.click),
        ("picks-paused", lambda: (window.my_data_screen.pause_box.click(), _settle(app, window),
                                  window.my_data_screen.back_button.click())),
        ("my-data-paused", window.picks.my_data_button.click),
        ("help", lambda: (window.my_data_screen.pause_box.click(),   # picks on again
                          _settle(app, window), window.show_screen("help"))),
        ("idle-warning", lambda: (window.show_screen("picks"),
                                  window.idle_overlay.show_countdown(30))),
        ("guest", lambda: (window.idle_overlay.hide(), reset(),
                           window.session.browse_as_guest())),
        ("join", lambda: (reset(), window._open_join())),
        ("join-done", lambda: (window.join_screen.first_name.setText("Zoë"),
                               window.join_screen.boxes["personalisation"].setChecked(True),
                               window.join_screen.submit())),
        ("staff-pin", lambda: (reset(), window.show_screen("pin"))),
        # what follows an erasure (the demo shopper is needed again: not really erased)
        ("erased", lambda: (reset(), window.my_data.erased.emit(),
                            window.session.reset("erased"))),
    ]
    for name, action in steps:
        action()
        shot(name)
    if not large:
        window.show_screen("attract")
        scan_shopper()
        window.accessibility.set_high_contrast(True)
        shot("picks-high-contrast")
    reset()
    return written


def _settle_staff(app, window) -> None:
    for _ in range(4):
        window.worker.wait(60000)
        window.help.worker.wait(60000)
        app.processEvents()
    app.processEvents()


def example_help_request(kiosk: Any) -> dict[str, Any]:
    """A help request as head office sends it to tablets (the screenshots have no head
    office): the demo shopper at a kiosk of this store, looking at two products."""
    from datetime import UTC, datetime

    from kiosk.demo import DEMO_FIRST_NAMES
    from kiosk.store import catalogue

    skus = sorted(sku for sku, _ in catalogue.active_products(kiosk.db))[:2]
    names = catalogue.names(kiosk.db, skus)
    return {"request_id": "example", "kiosk": "kiosk-1", "first_name": DEMO_FIRST_NAMES[0],
            "asked": datetime.now(UTC).isoformat(),
            "looking_at": [{"sku": sku, "name": names.get(sku)} for sku in skus]}


def show_at_a_kiosk(kiosk: Any, customer_id: str) -> int:
    """The shopper's visit to a kiosk, as the kiosk records it (their shelves shown), so
    the tablet's "shown lately and why" has something to show; returns the picks shown."""
    session_id = "screenshot-visit"
    shelves = kiosk.recommendations.shelves(customer_id, session_id=session_id, k=4)
    picks = [pick for shelf in shelves for pick in shelf.picks]
    return kiosk.recommendations.record_impressions(customer_id, session_id, picks)


def _scroll_to(screen: Any, widget: Any) -> None:
    """Scroll ``screen``'s page so that ``widget`` is at the top (a tab below the fold)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    area = screen.findChild(QScrollArea)
    if area is not None:
        area.verticalScrollBar().setValue(widget.mapTo(area.widget(), QPoint(0, 0)).y())


def render_staff(kiosk: Any, outdir: Path, *, sizes=STAFF_SIZES,
                 languages=("en", "fr")) -> list[Path]:
    """Every screen of the staff tablet app (``staff-*.png``), signed in as the demo
    staff member, on the demo store's first client."""
    from PySide6.QtWidgets import QApplication

    from kiosk.demo import DEMO_STAFF
    from kiosk.ui.app import create_staff_window

    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    written: list[Path] = []
    from kiosk.store import customers

    client = min(customers.named(kiosk.db), default=None)
    if client is not None:
        show_at_a_kiosk(kiosk, client)
    for language in languages:
        suffix = "" if language == "en" else f"-{language}"
        for width, height in sizes:
            window = create_staff_window(kiosk, language=language, idle_seconds=3600)
            window.resize(width, height)
            window.show()
            _settle_staff(app, window)

            def shot(name: str, window=window, width=width, height=height,
                     suffix=suffix) -> None:
                _settle_staff(app, window)
                path = outdir / f"staff-{name}-{width}x{height}{suffix}.png"
                window.grab().save(str(path))
                written.append(path)

            shot("sign-in")
            window.desk.sign_in(DEMO_STAFF[1])
            shot("today")
            window.go("book")
            shot("client-book")
            if client is not None:
                window.open_customer(client)
                shot("customer")
                window.customer_screen.show_tab("shown")
                _scroll_to(window.customer_screen, window.customer_screen.tab_buttons["shown"])
                shot("customer-shown")
                window.open_curate()
                shot("curate")
            window.go("help")
            window.help.pending = [example_help_request(kiosk)]
            window.help.requests.emit(window.help.pending)
            window.help_screen.say("")
            shot("help")
            window.close()
            window.deleteLater()
            app.processEvents()
    return written


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"a size is WIDTHxHEIGHT, e.g. 1080x1920; got {text!r}"
                                         ) from None
    return width, height


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--db", type=Path, help="a kiosk database (copied first)")
    parser.add_argument("--staff-only", action="store_true",
                        help="only the staff tablet's screens")
    parser.add_argument("--shopper-only", action="store_true",
                        help="only the shopper's screens (no staff tablet, no out of order)")
    parser.add_argument("--size", action="append", type=_size, metavar="WxH",
                        help="only this size of the shopper's screens (repeatable)")
    parser.add_argument("--language", action="append", choices=LANGUAGES,
                        help="only this language (repeatable)")
    args = parser.parse_args(argv)

    from kiosk.app import Kiosk
    from kiosk.config import load_config
    from kiosk.ui.app import application

    application()
    work = Path(tempfile.mkdtemp(prefix="kiosk-screenshots-"))
    try:
        database = work / "kiosk.db"
        config = load_config().with_overrides(database=str(database),
                                              store_name="Harbour Street Gifts")
        if args.db:
            _copy_db(args.db, database)
            kiosk = Kiosk(config)
        else:
            kiosk = Kiosk(config)
            from kiosk.demo import build_demo_store

            build_demo_store(kiosk)
        try:
            sizes = tuple(args.size or SIZES)
            languages = tuple(args.language or LANGUAGES)
            written = [] if args.staff_only else render_all(kiosk, args.outdir, sizes=sizes,
                                                            languages=languages)
            if not args.staff_only and not args.shopper_only:
                written += render_out_of_order(kiosk, args.outdir, work)
            if not args.shopper_only:
                written += render_staff(kiosk, args.outdir)
        finally:
            kiosk.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
