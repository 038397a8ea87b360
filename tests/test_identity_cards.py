"""``kiosk cards``: printed cards decoded by zxing-cpp, and the verify exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageFilter

from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.identity import decode

KIOSK = [sys.executable, "-m", "kiosk"]


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "kiosk.db"
    kiosk = Kiosk(Config(database=str(path)), entrypoints=False)
    with kiosk.transaction() as db:
        db.execute("INSERT INTO customers (id, first_name, created) "
                   "VALUES ('12346', 'Ann', '2026-01-01T00:00:00+00:00')")
    kiosk.close()
    return path


def run(*args, cwd):
    return subprocess.run([*KIOSK, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


def test_issued_png_decodes_and_verifies_then_revoked_tampered_garbage(database, tmp_path):
    issued = run("cards", "issue", "12346", "--out", "card.png", "--db", str(database),
                 "--json", cwd=tmp_path)
    assert issued.returncode == 0, issued.stderr
    printed = json.loads(issued.stdout)
    image = Image.open(tmp_path / "card.png")
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == [printed["code"]]
    scanned = found[0].text

    ok = run("cards", "verify", scanned, "--db", str(database), "--json", cwd=tmp_path)
    assert ok.returncode == 0 and json.loads(ok.stdout)["status"] == "ok"
    typed = run("cards", "verify", printed["short_code"], "--db", str(database), cwd=tmp_path)
    assert typed.returncode == 0 and typed.stdout.startswith("ok")

    position = 20
    tampered = scanned[:position] + ("A" if scanned[position] != "A" else "B") \
        + scanned[position + 1:]
    assert run("cards", "verify", tampered, "--db", str(database), cwd=tmp_path).returncode == 5
    assert run("cards", "verify", "not a card", "--db", str(database),
               cwd=tmp_path).returncode == 6

    revoked = run("cards", "revoke", "12346", "--db", str(database), cwd=tmp_path)
    assert revoked.returncode == 0 and "1 card(s) revoked" in revoked.stdout
    again = run("cards", "verify", scanned, "--db", str(database), "--json", cwd=tmp_path)
    assert again.returncode == 4 and json.loads(again.stdout)["status"] == "revoked"


def test_unknown_card_exit_code_and_reissue(database, tmp_path):
    other = tmp_path / "other.db"
    kiosk = Kiosk(Config(database=str(other)), entrypoints=False)
    with kiosk.transaction() as db:
        db.execute("INSERT INTO customers (id, created) VALUES ('x', '2026')")
    card = kiosk.identity.issue_card("x")
    kiosk.close()
    # same key id, different secret: another kiosk's card is not ours
    assert run("cards", "verify", card.code, "--db", str(database),
               cwd=tmp_path).returncode == 5
    # a valid signature for a card this database has never heard of
    kiosk = Kiosk(Config(database=str(database)), entrypoints=False)
    issued = kiosk.identity.issue_card("12346")
    kiosk.db.execute("DELETE FROM identity_cards")
    kiosk.db.conn.commit()
    kiosk.close()
    assert run("cards", "verify", issued.code, "--db", str(database),
               cwd=tmp_path).returncode == 3

    new = run("cards", "reissue", "12346", "--out", "new.pdf", "--db", str(database),
              cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert (tmp_path / "new.pdf").read_bytes().startswith(b"%PDF")


def test_clear_errors_for_missing_customer_and_bad_suffix(database, tmp_path):
    missing = run("cards", "issue", "nobody", "--db", str(database), cwd=tmp_path)
    assert missing.returncode == 1 and "No customer with that id" in missing.stderr
    bad = run("cards", "issue", "12346", "--out", "card.gif", "--db", str(database),
              cwd=tmp_path)
    assert bad.returncode == 2 and ".png or .pdf" in bad.stderr


def test_keys_list_never_shows_secrets(database, tmp_path):
    run("cards", "issue", "12346", "--db", str(database), cwd=tmp_path)
    rotated = run("cards", "rotate-key", "--db", str(database), cwd=tmp_path)
    assert "key 2" in rotated.stdout
    listed = run("cards", "keys", "--db", str(database), "--json", cwd=tmp_path)
    rows = json.loads(listed.stdout)
    assert [(r["key_id"], r["cards"]) for r in rows] == [(1, 1), (2, 0)]
    kiosk = Kiosk(Config(database=str(database)), entrypoints=False)
    secrets = [kiosk.identity.device_keys().unwrap(bytes(s)).hex()
               for (s,) in kiosk.db.execute("SELECT secret FROM identity_keys")]
    kiosk.close()
    for secret in secrets:
        assert secret not in listed.stdout and secret not in rotated.stdout


def camera_frame(card: Image.Image, angle: float, blur: float) -> np.ndarray:
    """A 1280×720 "camera" view: the card small, turned and a little out of focus."""
    frame = Image.new("RGB", (1280, 720), (96, 92, 88))
    turned = card.rotate(angle, expand=True, fillcolor=(96, 92, 88), resample=Image.BILINEAR)
    turned.thumbnail((700, 520))
    frame.paste(turned, (280, 110))
    return np.asarray(frame.filter(ImageFilter.GaussianBlur(blur)))


@pytest.mark.parametrize(("angle", "blur"), [(0, 0.0), (8, 1.0), (-15, 1.5), (90, 0.8),
                                             (172, 1.2)])
def test_decoder_reads_rotated_blurred_card_frames(database, angle, blur):
    from kiosk.identity.card_image import render_card

    kiosk = Kiosk(Config(database=str(database)), entrypoints=False)
    card = kiosk.identity.issue_card("12346")
    kiosk.close()
    frame = camera_frame(render_card(card.code, card.short_code), angle, blur)
    assert decode.decode(frame) == card.code
    assert decode.decode(Image.fromarray(frame)) == card.code
    assert decode.decode(frame[:, :, 0]) == card.code  # grayscale input too


def test_decoder_finds_nothing_in_an_empty_frame():
    assert decode.decode(np.full((720, 1280, 3), 128, np.uint8)) is None
    with pytest.raises(ValueError):
        decode.to_gray(np.zeros((2, 2, 2, 2)))


def test_card_image_is_card_sized(tmp_path):
    from kiosk.identity.card_image import SIZE, render_card, save_card

    image = render_card("PSK" + "0" * 40, "0000-0000-0000-0")
    assert image.size == SIZE
    saved = save_card(image, tmp_path / "c.png")
    assert Path(saved).exists() and Image.open(saved).size == SIZE


@pytest.mark.parametrize("first", ["kiosk_plugins.loyalty_card", "kiosk_plugins.privacy",
                                   "kiosk.app"])
def test_commands_are_registered_whatever_is_imported_first(first):
    code = (f"import {first}\n"
            "import click\n"
            "from kiosk.cli import cli\n"
            "names = cli.list_commands(click.Context(cli))\n"  # plugins load on first use
            "print(sorted(c for c in names if c in ('cards', 'privacy')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "['cards', 'privacy']"
