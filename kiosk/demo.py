"""The demo store: a small sample of the real data, and stock that is simulated.

``make_sample`` derives ``assets/sample/transactions.csv.gz`` from the UCI
Online Retail file (a few hundred customers with rich histories, every row
of theirs kept, quirks included, plus a few anonymous invoices), in the
neutral transactions format. ``build_demo_store`` imports that sample,
enriches the catalogue and gives every product a stock level and an
in-store location. The data has neither, so both are generated from the
product code (the same every time) and marked ``stock.simulated = 1``.
Everything here is safe to run again: nothing changes the second time.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import tempfile
import unicodedata
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.events import utcnow
from kiosk.store import catalogue, customers, feedback, meta, purchases

if TYPE_CHECKING:
    from kiosk.app import Kiosk

SAMPLE_NAME = "transactions.csv.gz"
NEUTRAL_HEADER = ["invoice", "customer_id", "sku", "description", "quantity", "unit_price",
                  "ts", "country"]
SAMPLE_CUSTOMERS = 300
SAMPLE_ANONYMOUS_INVOICES = 40
MIN_INVOICES = 4  # "rich history": at least this many invoices...
MAX_ROWS = 400  # ...but not a wholesaler with thousands of lines
SIMULATED_NOTE = ("Stock levels and in-store locations are simulated (generated from the "
                  "product code); the source data has neither.")
AISLES_PER_THEME = 1
BAYS = 8
#: the meta key holding how many days the demo store's sample dates were moved on
DATE_SHIFT_KEY = "demo_date_shift_days"


def default_source() -> Path:
    """The shared data file next to the repository (../shared/data/online_retail.csv.gz)."""
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.csv.gz"


def sample_path() -> Path:
    from kiosk.assets import assets_dir

    return assets_dir() / "sample" / SAMPLE_NAME


def _rank(text: str) -> str:
    return hashlib.sha256(f"kiosk-demo:{text}".encode()).hexdigest()


def make_sample(source: str | os.PathLike[str] | None = None,
                dest: str | os.PathLike[str] | None = None, *,
                customers: int = SAMPLE_CUSTOMERS,
                anonymous_invoices: int = SAMPLE_ANONYMOUS_INVOICES) -> dict[str, Any]:
    """Write the demo sample (gzip CSV, neutral format); the same source gives the same bytes."""
    from kiosk.importer import read_lines

    source = Path(source) if source else default_source()
    dest = Path(dest) if dest else sample_path()
    if not source.exists():
        raise FileNotFoundError(f"source data not found: {source}")
    lines = list(read_lines(source))
    invoices: dict[str, set[str]] = defaultdict(set)
    rows_of: dict[str, int] = defaultdict(int)
    anonymous_rows: dict[str, int] = defaultdict(int)
    for line in lines:
        if line.customer_id is None:
            anonymous_rows[line.invoice] += 1
        else:
            rows_of[line.customer_id] += 1
            if not line.invoice.startswith("C"):
                invoices[line.customer_id].add(line.invoice)
    eligible = [c for c, n in rows_of.items()
                if len(invoices[c]) >= MIN_INVOICES and n <= MAX_ROWS]
    chosen = set(sorted(eligible, key=_rank)[:customers])
    small_anonymous = [i for i, n in anonymous_rows.items() if n <= 60]
    chosen_invoices = set(sorted(small_anonymous, key=_rank)[:anonymous_invoices])

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(NEUTRAL_HEADER)
    written = 0
    for line in lines:
        if line.customer_id in chosen or (line.customer_id is None
                                          and line.invoice in chosen_invoices):
            writer.writerow([line.invoice, line.customer_id or "", line.sku, line.description,
                             line.quantity, repr(line.unit_price), line.ts.isoformat(),
                             line.country])
            written += 1
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))
    return {"path": str(dest), "rows": written, "customers": len(chosen),
            "anonymous_invoices": len(chosen_invoices), "bytes": dest.stat().st_size}


def _number(sku: str, salt: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{salt}:{sku}".encode()).digest()[:8], "big")


def simulated_stock(sku: str, theme: str | None) -> tuple[int, str]:
    """A stock level and an in-store location for ``sku``, the same every time.

    Products of a theme share an aisle (as in a real shop); about one in
    twelve is out of stock, so "out of stock here" filtering is exercised.
    """
    from kiosk.catalogue import THEMES

    themes = list(THEMES)
    aisle = (themes.index(theme) if theme in THEMES else len(themes) - 1) + 1
    bay = _number(sku, "bay") % BAYS + 1
    roll = _number(sku, "stock")
    quantity = 0 if roll % 12 == 0 else (roll >> 8) % 40 + 1
    return quantity, f"Aisle {aisle}, bay {bay}"


def generate_stock(kiosk: Kiosk) -> dict[str, int]:
    """Simulated stock and locations for every active product of the kiosk's store."""
    db = kiosk.db
    store_id = kiosk.config.store_id
    products = catalogue.active_products(db)
    now = utcnow()
    rows = []
    for sku, theme in products:
        quantity, location = simulated_stock(sku, theme)
        rows.append((store_id, sku, quantity, location, now))
    with db.atomic():
        catalogue.set_simulated_stock(db, rows)
    in_stock = sum(1 for _, _, q, _, _ in rows if q > 0)
    return {"products": len(rows), "in_stock": in_stock, "out_of_stock": len(rows) - in_stock}


def sample_latest(path: str | os.PathLike[str] | None = None) -> datetime:
    """The time of the sample's latest line."""
    with gzip.open(path or sample_path(), "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        column = next(reader).index("ts")
        return max(datetime.fromisoformat(row[column]) for row in reader)


def date_shift(kiosk: Kiosk, today: date | None = None) -> int:
    """Days to add to every date of the sample so its latest purchase is yesterday.

    Chosen once per demo store and kept in its ``meta`` table, so building the
    store again on a later day moves nothing.
    """
    kept = meta.get(kiosk.db, DATE_SHIFT_KEY)
    if kept is not None:
        return int(kept)
    yesterday = (today or datetime.now(UTC).date()) - timedelta(days=1)
    days = (yesterday - sample_latest().date()).days
    with kiosk.transaction() as db:
        meta.put(db, DATE_SHIFT_KEY, str(days))
    return days


def write_shifted_sample(dest: str | os.PathLike[str], days: int,
                         source: str | os.PathLike[str] | None = None) -> Path:
    """A copy of the sample with every ``ts`` moved on by ``days`` (the same for every
    line, so intervals between purchases stay true)."""
    dest = Path(dest)
    shift = timedelta(days=days)
    with gzip.open(source or sample_path(), "rt", encoding="utf-8", newline="") as handle, \
            gzip.open(dest, "wt", encoding="utf-8", newline="") as out:
        reader = csv.reader(handle)
        writer = csv.writer(out, lineterminator="\n")
        header = next(reader)
        column = header.index("ts")
        writer.writerow(header)
        for row in reader:
            row[column] = (datetime.fromisoformat(row[column]) + shift).isoformat()
            writer.writerow(row)
    return dest


def import_shifted_sample(kiosk: Kiosk, today: date | None = None) -> Any:
    """Import the bundled sample with its dates moved so the latest purchase is yesterday."""
    from kiosk.importer import import_file

    days = date_shift(kiosk, today)
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as folder:
        return import_file(kiosk, write_shifted_sample(Path(folder) / SAMPLE_NAME, days))


def build_demo_store(kiosk: Kiosk, *, today: date | None = None) -> dict[str, Any]:
    """Import the bundled sample, enrich it, simulate stock; return a summary.

    The sample's dates (2010-2011) are moved on by whole days, the same for
    every line, so its latest purchase is yesterday ("last bought 3 weeks
    ago" rather than "on 28 November 2011"). Needs nothing outside the
    repository. Running it again changes nothing.
    """
    report = import_shifted_sample(kiosk, today)
    stock = generate_stock(kiosk)
    shoppers = add_demo_shoppers(kiosk)
    staff = add_demo_staff(kiosk)
    clients = add_demo_clients(kiosk, shoppers, staff.get("name"))
    kiosk.recommendations.engine()  # trains the models once, so the kiosk opens with picks
    return {
        "database": str(kiosk.store.path),
        "store_id": kiosk.config.store_id,
        "store_name": kiosk.config.store_name,
        "sample": str(sample_path()),
        "date_shift_days": date_shift(kiosk),
        "import": {key: getattr(report, key) for key in (
            "rows_read", "rows_kept", "skipped", "customers", "products", "invoices",
            "purchase_lines")},
        "catalogue": {key: report.catalogue.get(key) for key in (
            "theme_share", "colour_share", "by_theme")},
        "stock": {**stock, "simulated": True, "note": SIMULATED_NOTE},
        "shoppers": shoppers,
        "staff": staff,
        "clients": clients,
        "totals": kiosk.store.summary(),
    }


# The demo store's staff account, so kiosk mode can be tried and left. Demo only:
# a real store adds its own with `kiosk staff add NAME`.
DEMO_STAFF = ("Demo manager", "2468")


def add_demo_staff(kiosk: Kiosk) -> dict[str, str]:
    """Create the demo staff account unless the store already has staff."""
    from kiosk.staff import StaffAccounts

    accounts = StaffAccounts(kiosk.db)
    name, pin = DEMO_STAFF
    if not accounts.has_accounts():
        accounts.add(name, pin, "manager")
    if name in accounts.names():
        return {"name": name, "pin": pin}
    return {}


# Fictional first names for the demo shoppers: the source data has no names.
DEMO_FIRST_NAMES = ("Anna", "Ben", "Chloé")
DEMO_CONSENTS = {"personalisation": True, "staff_profile": True, "hq_offers": False}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def cards_dir_for(database: str | os.PathLike[str]) -> Path:
    """Where the demo cards of the store in ``database`` go: ``kiosk.db`` → ``kiosk-cards/``."""
    path = Path(database)
    return path.parent / f"{path.stem}-cards"


def add_demo_shoppers(kiosk: Kiosk) -> list[dict[str, Any]]:
    """Give the richest sample customers a fictional first name, consent and a card.

    So a newcomer can scan or type a code at once. Their cards are saved as
    PNG files next to the database, in a folder named after it (``kiosk.db`` →
    ``kiosk-cards/``, so two demo stores in one folder keep their own cards),
    readable by this user only (a card image is a loyalty code). Running it
    again keeps the same shoppers and the same codes.
    """
    from kiosk.identity.card_image import render_card, save_card
    from kiosk.store.files import PRIVATE_DIR, create_private_file, make_private_dir, tighten

    best = purchases.best_customers(kiosk.db, len(DEMO_FIRST_NAMES))
    cards_dir = cards_dir_for(kiosk.store.path)
    make_private_dir(cards_dir)
    tighten(cards_dir, PRIVATE_DIR)
    shoppers = []
    for customer_id, first_name in zip(best, DEMO_FIRST_NAMES, strict=False):
        card = kiosk.identity.current_card(customer_id)
        if card is None:
            with kiosk.transaction() as db:
                customers.set_first_name(db, customer_id, first_name)
                kiosk.privacy.set_consents(customer_id, DEMO_CONSENTS, source="demo")
            card = kiosk.identity.issue_card(customer_id)
        target = cards_dir / f"{_ascii(first_name).lower()}.png"
        if not create_private_file(target):  # 0600 before a byte is written
            tighten(target)
        path = save_card(render_card(card.code, card.short_code, title="Demo loyalty card",
                                     store_name=kiosk.config.store_name), target)
        shoppers.append({"first_name": first_name, "customer_id": customer_id,
                         "code": card.code, "short_code": card.short_code,
                         "card": str(path)})
    return shoppers


DEMO_NOTE = "Loves the vintage tea sets; her daughter's birthday is in June."


def add_demo_clients(kiosk: Kiosk, shoppers: list[dict[str, Any]],
                     staff: str | None) -> dict[str, Any]:
    """Give the staff tablet something to show: a note on the first demo shopper, the
    last one assigned to the demo staff member, and an item the second one saved, has
    never bought and the store has in stock. (The sample's history makes some of them
    lapsing already.) Running it again changes nothing."""
    # record fields written as the staff desk writes them (kiosk.clienteling sits above
    # this layer: kiosk.clienteling.notes and .assign)
    from kiosk.chain import ADVISOR, note_field

    if not staff or len(shoppers) < 3:
        return {}
    first, second, last = (s["customer_id"] for s in shoppers[:3])
    book = kiosk.privacy.profile
    with kiosk.transaction():
        if not book.notes(first):
            book.record(first, {note_field("demo-1"): {"text": DEMO_NOTE, "author": staff,
                                                       "at": utcnow()}}, by="staff")
        if customers.field_values(kiosk.db, last, ADVISOR).get(ADVISOR) is None:
            book.record(last, {ADVISOR: staff}, by="staff")
    bought = {sku for _, _, sku, *_ in purchases.of_customer(kiosk.db, second)}
    saved = [sku for sku, _ in feedback.reacted(kiosk.db, second, "save")]
    if not saved:
        on_hand = catalogue.on_hand(kiosk.db, kiosk.config.store_id)
        sku = next(sku for sku in sorted(on_hand) if sku not in bought)
        kiosk.recommendations.record_feedback(second, "demo", sku, "save")
        saved = [sku]
    return {"noted": first, "assigned": {"customer_id": last, "to": staff},
            "saved_in_stock": {"customer_id": second, "sku": saved[0]}}


def shoppers_cards(kiosk: Kiosk) -> list[dict[str, Any]]:
    """The demo shoppers already in the store, with their codes and card images."""
    shown = []
    folder = cards_dir_for(kiosk.store.path)
    for customer_id in purchases.best_customers(kiosk.db, len(DEMO_FIRST_NAMES)):
        card = kiosk.identity.current_card(customer_id)
        row = customers.get(kiosk.db, customer_id)
        if card is None or row is None or not row[1]:
            continue
        image = folder / f"{_ascii(row[1]).lower()}.png"
        shown.append({"first_name": row[1], "code": card.code, "short_code": card.short_code,
                      "card": str(image) if image.exists() else None})
    return shown


HOW_TO_SCAN = (
    "No scanner? Any of these works:",
    "  - type the short code on the kiosk's keypad (or on the keyboard: click the keypad "
    "first);",
    "  - hold the card image (on a phone, or printed) in front of a camera, if the machine "
    "has one;",
    "  - on X11 (or the virtual screen), play a scanner: it types the long code fast and "
    "presses Enter:",
    "      xdotool type --delay 5 'LONG CODE' && xdotool key Return",
)


def card_lines(shoppers: list[dict[str, Any]]) -> list[str]:
    """What ``make run`` prints: each shopper's codes and card image, and how to scan."""
    lines = ["Demo shoppers (fictional first names):"]
    for shopper in shoppers:
        lines.append(f"  {shopper['first_name']:<6} short code {shopper['short_code']}")
        lines.append(f"         long code  {shopper['code']}")
        lines.append(f"         card image {shopper['card'] or '(not written yet)'}")
    return lines + list(HOW_TO_SCAN)
