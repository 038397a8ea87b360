"""Decoding QR codes from camera frames or images, with zxing-cpp.

Headless (numpy and Pillow only) so it can be tested and benchmarked; the Qt
camera path in ``kiosk.ui.scanning`` hands its frames here off the GUI thread.
"""

from __future__ import annotations

import numpy as np
import zxingcpp
from PIL import Image

FORMATS = zxingcpp.BarcodeFormat.QRCode


def to_gray(image: np.ndarray | Image.Image) -> np.ndarray:
    """An 8-bit grayscale array of ``image`` (RGB/RGBA arrays or any PIL mode)."""
    if isinstance(image, Image.Image):
        return np.asarray(image.convert("L"))
    array = np.asarray(image)
    if array.ndim == 2:
        return np.ascontiguousarray(array, dtype=np.uint8)
    if array.ndim == 3 and array.shape[2] in (3, 4):
        rgb = array[:, :, :3].astype(np.uint16)
        # integer Rec. 601 luma: fast and close enough for binarising
        gray = (rgb[:, :, 0] * 77 + rgb[:, :, 1] * 150 + rgb[:, :, 2] * 29) >> 8
        return gray.astype(np.uint8)
    raise ValueError(f"cannot read an image of shape {array.shape}")


def decode_all(image: np.ndarray | Image.Image, *, try_harder: bool = True) -> list[str]:
    """The texts of every QR code found in ``image`` (empty list if none)."""
    gray = to_gray(image)
    results = zxingcpp.read_barcodes(
        gray, formats=FORMATS, try_rotate=try_harder, try_downscale=True,
        try_invert=False,
    )
    return [r.text for r in results if r.valid and r.text]


def decode(image: np.ndarray | Image.Image, *, try_harder: bool = True) -> str | None:
    """The text of the first QR code found in ``image``, or None."""
    found = decode_all(image, try_harder=try_harder)
    return found[0] if found else None
