"""A printable loyalty card: the QR of the long code, the short code under it.

Credit-card size (85.6 × 54 mm) at 300 dpi; PNG or PDF through Pillow.
"""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

DPI = 300
SIZE = (1011, 638)  # 85.6 × 54 mm at 300 dpi
FORMATS = {".png": "PNG", ".pdf": "PDF"}


def qr_image(code: str, *, box_size: int = 10, border: int = 4) -> Image.Image:
    """The QR symbol of ``code`` (upper-case codes use the compact alphanumeric mode)."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    qr.add_data(code)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L")


def render_card(code: str, short_code: str, *, title: str = "Loyalty card",
                store_name: str = "") -> Image.Image:
    """The card as a white RGB image."""
    card = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(card)
    heading = ImageFont.load_default(size=40)
    small = ImageFont.load_default(size=30)
    code_font = ImageFont.load_default(size=46)
    draw.text((40, 30), title, fill="black", font=heading)
    if store_name:
        draw.text((40, 82), store_name, fill="black", font=small)
    qr = qr_image(code, box_size=10)
    side = min(SIZE[1] - 150, qr.width)
    qr = qr.resize((side, side), Image.Resampling.NEAREST)
    left = SIZE[0] - side - 30
    card.paste(qr, (left, 30))
    draw.text((40, SIZE[1] - 190), "Can't scan? Type this code:", fill="black", font=small)
    draw.text((40, SIZE[1] - 140), short_code, fill="black", font=code_font)
    return card


def save_card(image: Image.Image, path: str | Path) -> Path:
    """Save as PNG or PDF, chosen by the file's suffix."""
    target = Path(path)
    kind = FORMATS.get(target.suffix.lower())
    if kind is None:
        suffix = target.suffix or "no suffix"
        raise ValueError(f"cards can be saved as .png or .pdf, not {suffix!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "PDF":
        image.save(target, kind, resolution=DPI)
    else:
        image.save(target, kind, dpi=(DPI, DPI))
    return target
