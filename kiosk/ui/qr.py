"""QR codes as Qt images (the qrcode library draws; Qt shows or prints)."""

from __future__ import annotations

import io

import qrcode
from PySide6.QtGui import QImage


def qr_image(text: str, *, box_size: int = 8, border: int = 4) -> QImage:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=box_size, border=border)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image
