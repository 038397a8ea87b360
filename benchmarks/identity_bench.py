"""Identity benchmark: token verification rate and QR decoding time of a camera frame.

Prints one JSON object. Targets: >= 50,000 token verifications per second
(parsing the code and checking its HMAC tag, in memory); decoding a 1280x720
frame in <= 30 ms. For information it also measures ``verify`` with its
database look-up (card known? revoked?) and the whole ``identify`` path,
which writes an event per scan.

    .venv/bin/python benchmarks/identity_bench.py
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.identity import decode, token
from kiosk.identity.card_image import render_card

VERIFY_TARGET = 50_000
DECODE_TARGET_MS = 30.0


def rate(function, codes, rounds: int = 5) -> float:
    """Best of ``rounds``: calls per second of ``function`` over ``codes``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for code in codes:
            function(code)
        best = min(best, time.perf_counter() - start)
    return len(codes) / best


def frame_with_card(code: str, short_code: str, angle: float, blur: float) -> np.ndarray:
    frame = Image.new("RGB", (1280, 720), (92, 90, 86))
    card = render_card(code, short_code).rotate(angle, expand=True, fillcolor=(92, 90, 86),
                                                resample=Image.BILINEAR)
    card.thumbnail((640, 480))
    frame.paste(card, (320, 120))
    return np.asarray(frame.filter(ImageFilter.GaussianBlur(blur)))


def decode_times(frame: np.ndarray, expected: str | None, repeats: int = 30) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        found = decode.decode(frame)
        times.append((time.perf_counter() - start) * 1000)
        if found != expected:
            raise SystemExit(f"decoder read {found!r}, expected {expected!r}")
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        kiosk = Kiosk(Config(database=str(Path(folder) / "bench.db")), entrypoints=False)
        cards = [kiosk.privacy.enrol(consents={"personalisation": True}) for _ in range(200)]
        codes = [c.code for c in cards] * 50  # 10,000 verifications per round
        shorts = [c.short_code for c in cards] * 50
        key_id = token.parse_long(codes[0]).key_id
        secret = kiosk.identity._secret(key_id)
        assert secret is not None

        def signature_only(text: str) -> bool:
            return token.long_is_authentic(token.parse_long(text), secret)

        assert all(kiosk.identity.verify(c).status == "ok" for c in codes[:200])
        signature_rate = rate(signature_only, codes)
        verify_rate = rate(kiosk.identity.verify, codes)
        short_rate = rate(kiosk.identity.verify, shorts)
        identify_rate = rate(kiosk.identity.identify, codes[:2000], rounds=2)

        code, short_code = cards[0].code, cards[0].short_code
        frames = {
            "straight": frame_with_card(code, short_code, 0, 0.0),
            "rotated_blurred": frame_with_card(code, short_code, 17, 1.3),
        }
        empty = np.full((720, 1280, 3), 120, np.uint8)
        kiosk.close()

    decoding = {}
    for name, frame in frames.items():
        times = decode_times(frame, code)
        decoding[name] = {"median_ms": round(statistics.median(times), 2),
                          "max_ms": round(max(times), 2)}
    empty_times = decode_times(empty, None)
    decoding["no_code"] = {"median_ms": round(statistics.median(empty_times), 2),
                           "max_ms": round(max(empty_times), 2)}
    worst_median = max(d["median_ms"] for d in decoding.values())
    print(json.dumps({
        "benchmark": "identity",
        "token_verifications_per_s": round(signature_rate),
        "verify_with_database_per_s": round(verify_rate),
        "verify_short_code_with_database_per_s": round(short_rate),
        "identify_full_path_per_s": round(identify_rate),
        "verification_target_per_s": VERIFY_TARGET,
        "verification_target_met": signature_rate >= VERIFY_TARGET,
        "decode_1280x720": decoding,
        "decode_target_ms": DECODE_TARGET_MS,
        "decode_target_met": worst_median <= DECODE_TARGET_MS,
    }))


if __name__ == "__main__":
    main()
