"""Identity benchmark: token verification rate and QR decoding time of a camera frame.

Prints one JSON object. Targets: >= 50,000 verifications per second, both
for the token alone (parsing the code and checking its HMAC tag, in memory)
and for the full ``kiosk.identity.verify`` a kiosk relies on (plus the card's
database look-up: known? whose? revoked?), for the long (QR) and the short
(typed) form, over a card table of ``CARDS`` cards; decoding a 1280x720 frame
in <= 30 ms. For information it also measures ``verify`` over a mix of every
answer (ok, revoked, unknown, forged, malformed) and the whole ``identify``
path, which writes an event per scan.

    .venv/bin/python benchmarks/identity_bench.py
"""

from __future__ import annotations

import json
import random
import secrets
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
CARDS = 5_000  # about the number of loyalty customers in the UCI data (4,372)
ENROLLED = 200  # of which enrolled at the kiosk with consent (for identify)
DECODE_TARGET_MS = 30.0


def rate(function, codes, rounds: int = 25) -> float:
    """Best of ``rounds``: calls per second of ``function`` over ``codes``.

    Many short rounds and the best one, as ``timeit`` advises: on a shared
    machine the slower rounds measure the neighbours, not this code.
    """
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


def more_cards(kiosk: Kiosk, count: int) -> list:
    """``count`` customers imported from the till, each with a card (one transaction)."""
    with kiosk.transaction() as db:
        db.conn.executemany(
            "INSERT INTO customers (id, created, origin) VALUES (?, ?, 'import')",
            [(f"bench-{i}", "2026-01-01T00:00:00+00:00") for i in range(count)],
        )
        return [kiosk.identity.issue_card(f"bench-{i}") for i in range(count)]


def mixed_codes(kiosk: Kiosk, cards: list, key_id: int) -> list[tuple[str, str]]:
    """(code, expected status): every answer, in both forms, in equal parts."""
    secret = kiosk.identity._secret(key_id)
    stranger = secrets.token_bytes(32)
    revoked = cards[:100]
    for card in revoked:
        kiosk.identity.revoke(card.customer_id)
    cases: list[tuple[str, str]] = []
    for card in cards[100:200]:
        cases += [(card.code, "ok"), (card.short_code, "ok")]
    for card in revoked:
        cases += [(card.code, "revoked"), (card.short_code, "revoked")]
    for _ in range(100):
        never_issued = token.make_short(secret, token.new_short_id(secret))
        cases += [(token.make_long(secret, key_id, token.new_card_id()), "unknown"),
                  (token.format_short(never_issued), "unknown")]
    for card in cards[200:300]:
        cases += [(token.make_long(stranger, key_id, bytes.fromhex(card.card_id)), "forged"),
                  (card.code[:-1] + ("0" if card.code[-1] != "0" else "1"), "forged")]
    for card in cards[300:400]:
        cases += [(card.code[:-2], "malformed"), (card.short_code[:-1] + "!", "malformed")]
    return cases


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        kiosk = Kiosk(Config(database=str(Path(folder) / "bench.db")), entrypoints=False)
        enrolled = [kiosk.privacy.enrol(consents={"personalisation": True})
                    for _ in range(ENROLLED)]
        cards = more_cards(kiosk, CARDS - ENROLLED)
        everyone = enrolled + cards
        rng = random.Random(4)
        picked = [rng.choice(everyone) for _ in range(2_000)]  # per round
        codes = [c.code for c in picked]
        shorts = [c.short_code for c in picked]
        key_id = token.parse_long(codes[0]).key_id
        secret = kiosk.identity._secret(key_id)
        assert secret is not None

        def signature_only(text: str) -> bool:
            return token.long_is_authentic(token.parse_long(text), secret)

        for card in everyone:  # the full answer, right, before timing it
            for text in (card.code, card.short_code):
                verdict = kiosk.identity.verify(text)
                assert (verdict.status, verdict.customer_id) == ("ok", card.customer_id)
        signature_rate = rate(signature_only, codes)
        verify_rate = rate(kiosk.identity.verify, codes)
        short_rate = rate(kiosk.identity.verify, shorts)
        mixed = mixed_codes(kiosk, cards, key_id)
        for text, expected in mixed:
            assert kiosk.identity.verify(text).status == expected, expected
        mixed_rate = rate(kiosk.identity.verify, [text for text, _ in mixed] * 2)
        identify_rate = rate(kiosk.identity.identify, [c.code for c in enrolled] * 10,
                             rounds=2)

        code, short_code = enrolled[0].code, enrolled[0].short_code
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
    full_met = {"long": verify_rate >= VERIFY_TARGET, "short": short_rate >= VERIFY_TARGET}
    print(json.dumps({
        "benchmark": "identity",
        "token_verifications_per_s": round(signature_rate),
        "verify_with_database_per_s": round(verify_rate),
        "verify_short_code_with_database_per_s": round(short_rate),
        "verify_mixed_answers_per_s": round(mixed_rate),
        "cards_in_table": CARDS,
        "identify_full_path_per_s": round(identify_rate),
        "verification_target_per_s": VERIFY_TARGET,
        "verification_target_met": signature_rate >= VERIFY_TARGET,
        "full_verify_target_met": full_met,
        "decode_1280x720": decoding,
        "decode_target_ms": DECODE_TARGET_MS,
        "decode_target_met": worst_median <= DECODE_TARGET_MS,
    }))


if __name__ == "__main__":
    main()
