"""Help requests end to end with the real staff tablet app: head office (``kiosk hq
serve``), a kiosk process asking (``python -m kiosk.help ask``) and the tablet app in a
process of its own (tests/staff_tablet_app.py: the staff window, offscreen, signed in with
a PIN on the pad) that lists the request and takes it; and with no one signed in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_help_e2e import PIN, chain, help_process, lines  # noqa: F401  (chain: a fixture)

APP = Path(__file__).with_name("staff_tablet_app.py")


def tablet_app(device, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(APP), "--pin", PIN, *args], env=device.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def add_staff(device, name: str = "Sam") -> None:
    subprocess.run([sys.executable, "-m", "kiosk", "staff", "add", name], env=device.env,
                   input=f"{PIN}\n{PIN}\n", text=True, check=True, capture_output=True)


def first_line(process: subprocess.Popen) -> dict:
    line = process.stdout.readline()
    if not line:
        raise AssertionError(process.stderr.read())
    return json.loads(line)


def test_the_tablet_app_lists_and_takes_the_kiosks_request(chain):  # noqa: F811
    kiosk = chain.add("kiosk-1", "s1")
    tablet = chain.add("tablet-1", "s1", role="tablet")
    add_staff(tablet)
    shopper = kiosk.act("enrol", "Ann", "staff_profile")
    app = tablet_app(tablet, "--take", "--for", "90")
    try:
        assert first_line(app) == {"signed_in": "Sam"}
        asking = help_process(kiosk, "ask", "--customer", shopper["customer_id"], "--sku",
                              "85123A", "--follow", "60", "--every", "0.1")
        told = lines(asking, timeout=90)
        took = lines(app, timeout=90)
    finally:
        if app.poll() is None:
            app.kill()
            raise AssertionError(app.communicate()[1])
    assert [(s["state"], s["staff_name"]) for s in told] == [("waiting", None),
                                                             ("coming", "Sam")]
    (pending, taken) = took
    assert pending["pending"]["request_id"] == told[0]["request_id"]
    assert pending["pending"]["first_name"] == "Ann"
    assert pending["pending"]["kiosk"] == "kiosk-1"
    assert pending["pending"]["looking_at"] == [{"sku": "85123A", "name": None}]
    assert taken == {"taken": told[0]["request_id"], "by": "Sam"}


def test_no_one_signed_in_when_the_tablet_is_locked(chain):  # noqa: F811
    kiosk = chain.add("kiosk-1", "s1")
    tablet = chain.add("tablet-1", "s1", role="tablet")
    add_staff(tablet)
    app = tablet_app(tablet, "--lock", "--for", "60")
    try:
        assert first_line(app) == {"signed_in": "Sam"}
        assert first_line(app) == {"locked": True}
        # the app is still open, locked: kiosks must not promise help
        told = lines(help_process(kiosk, "ask", "--follow", "5"))
    finally:
        app.terminate()
        app.wait(30)
    assert [(s["state"], s["reason"]) for s in told] == [("ask_at_till", "no_staff")]


def test_no_one_signed_in_when_nobody_ever_did(chain):  # noqa: F811
    kiosk = chain.add("kiosk-1", "s1")
    tablet = chain.add("tablet-1", "s1", role="tablet")
    add_staff(tablet)
    app = subprocess.Popen([sys.executable, str(APP), "--pin", "000000", "--for", "30"],
                           env=tablet.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        assert first_line(app) == {"refused": "Wrong PIN."}
        told = lines(help_process(kiosk, "ask", "--follow", "5"))
    finally:
        app.kill() if app.poll() is None else None
        app.wait(30)
    assert [(s["state"], s["reason"]) for s in told] == [("ask_at_till", "no_staff")]
