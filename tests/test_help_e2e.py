"""Help requests end to end with real processes: head office (``kiosk hq serve``), a kiosk
process asking (``python -m kiosk.help ask``) and a tablet process where a member of staff
signed in with their PIN takes it (``python -m kiosk.help tablet``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from chain_devices import Chain

PIN = "482916"


@pytest.fixture
def chain(tmp_path):
    chain = Chain(tmp_path, str(tmp_path / "hq.db"))
    yield chain
    chain.stop()


def help_process(device, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kiosk.help", *args], env=device.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lines(process: subprocess.Popen, timeout: float = 60) -> list[dict]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_a_signed_in_tablet_takes_the_kiosks_request(chain):
    kiosk = chain.add("kiosk-1", "s1")
    tablet = chain.add("tablet-1", "s1", role="tablet")
    subprocess.run([sys.executable, "-m", "kiosk", "staff", "add", "Sam"], env=tablet.env,
                   input=f"{PIN}\n{PIN}\n", text=True, check=True, capture_output=True)
    shopper = kiosk.act("enrol", "Ann", "staff_profile")
    taking = help_process(tablet, "tablet", "--pin", PIN, "--take", "--for", "60")
    assert json.loads(taking.stdout.readline()) == {"signed_in": "Sam"}
    asking = help_process(kiosk, "ask", "--customer", shopper["customer_id"], "--sku",
                          "85123A", "--follow", "30", "--every", "0.1")
    told = lines(asking)
    took = lines(taking)
    assert [(s["state"], s["staff_name"]) for s in told] == [("waiting", None),
                                                             ("coming", "Sam")]
    (pending, taken) = took
    assert pending["pending"]["request_id"] == told[0]["request_id"]
    assert pending["pending"]["first_name"] == "Ann"
    assert pending["pending"]["looking_at"] == [{"sku": "85123A", "name": None}]
    assert taken == {"taken": told[0]["request_id"], "by": "Sam"}


def test_no_one_signed_in(chain):
    kiosk = chain.add("kiosk-1", "s1")
    tablet = chain.add("tablet-1", "s1", role="tablet")
    subprocess.run([sys.executable, "-m", "kiosk", "staff", "add", "Sam"], env=tablet.env,
                   input=f"{PIN}\n{PIN}\n", text=True, check=True, capture_output=True)
    # Sam signs in, then out: the tablet process ends and says so to head office
    lines(help_process(tablet, "tablet", "--pin", PIN, "--for", "0.5"))
    told = lines(help_process(kiosk, "ask", "--follow", "5"))
    assert [(s["state"], s["reason"]) for s in told] == [("ask_at_till", "no_staff")]


def test_a_wrong_pin_signs_nobody_in(chain):
    tablet = chain.add("tablet-1", "s1", role="tablet")
    done = help_process(tablet, "tablet", "--pin", "000000")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 2 and "--pin" in err and "000000" not in err
