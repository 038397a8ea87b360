"""``kiosk demo --chain DIR``: the demo chain is built by a real ``kiosk`` process, a second
build changes nothing, and with head office served (the demo's own start function) real
``kiosk`` processes for each store show a shopper's card, preference and erasure
crossing the chain."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pgserver import free_port

from kiosk.demo_chain import STORES, ChainPaths, start_head_office, stop_process

VERIFY_OK, VERIFY_UNKNOWN = 0, 3


def kiosk(*args: str, config: Path | None = None, check: bool = True,
          timeout: float = 600) -> subprocess.CompletedProcess:
    """A real ``kiosk`` process (as the given store's kiosk), without the caller's KIOSK_*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    command = [sys.executable, "-m", "kiosk", *(["--config", str(config)] if config else []),
               *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"kiosk {' '.join(args)} exited {done.returncode}:\n"
                             f"{done.stdout}\n{done.stderr}")
    return done


def build(root: Path, port: int) -> dict[str, Any]:
    return json.loads(kiosk("demo", "--chain", str(root), "--no-open", "--port", str(port),
                            "--json").stdout)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(paths: ChainPaths) -> dict[str, Any]:
    """What a build could change: head office's feed, events, cards and devices; each
    kiosk's tables; the configs, till files and card images, byte for byte."""
    stats = json.loads(kiosk("hq", "stats", "--json", "--database",
                             str(paths.hq_database)).stdout)
    return {
        "hq_totals": stats["totals"],
        "hq_devices": {name: (d["store_id"], d["events"], d["last_seq"])
                       for name, d in stats["kiosks"].items()},
        "stores": {store_id: json.loads(kiosk("store", "info", "--json",
                                              config=paths.config(store_id)).stdout)
                   for store_id, _ in STORES},
        "files": {str(path.relative_to(paths.root)): digest(path)
                  for folder in (paths.tills, paths.cards)
                  for path in sorted(folder.iterdir())}
                 | {store_id: digest(paths.config(store_id)) for store_id, _ in STORES},
    }


def test_the_demo_chain_is_built_once_and_a_shopper_crosses_it(tmp_path: Path):
    root, port = tmp_path / "chain", free_port()
    paths = ChainPaths(root)
    first = build(root, port)

    # two stores, each with its own device, config (0600: it holds a token) and bootstrap
    assert set(first["stores"]) == {"store-1", "store-2"}
    assert {s["device"] for s in first["stores"].values()} == {"kiosk-1", "kiosk-2"}
    for store_id, store in first["stores"].items():
        assert store["bootstrapped"] > 1000, store_id  # catalogue, stock, model...
        assert paths.config(store_id).stat().st_mode & 0o077 == 0
        assert f'hq_url = "http://127.0.0.1:{port}"' in paths.config(store_id).read_text()
    assert all(n["lines_new"] > 1000 for n in first["head_office"]["imported"].values())
    shoppers = {s["first_name"]: s for s in first["shoppers"]}
    assert set(shoppers) == {"Anna", "Ben", "Chloé"}
    for shopper in shoppers.values():
        assert Path(shopper["card"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    before = snapshot(paths)
    assert before["hq_totals"]["cards_registered"] == 3

    # a second build changes nothing: no new change, event, card, device, row or byte
    second = build(root, port)
    assert snapshot(paths) == before
    assert second["shoppers"] == first["shoppers"]
    assert second["head_office"]["published"] == {"products": 0, "stock": 0, "models": 0}
    assert all(n["lines_new"] == 0 for n in second["head_office"]["imported"].values())
    assert all(s["bootstrapped"] == 0 for s in second["stores"].values())

    chloe = shoppers["Chloé"]
    customer = chloe["customer_id"]
    one, two = paths.config("store-1"), paths.config("store-2")

    def sync(config: Path) -> None:
        kiosk("sync", "--once", config=config)

    def shown(config: Path) -> dict[str, Any] | None:
        done = kiosk("privacy", "show", customer, "--json", config=config, check=False)
        return json.loads(done.stdout) if done.returncode == 0 else None

    hq = start_head_office(paths, port)
    try:
        # the card issued at store 1 verifies at store 2 (long and short form), and her
        # profile and store 2's own purchase lines are there
        sync(one)
        sync(two)
        for code in (chloe["code"], chloe["short_code"]):
            assert kiosk("cards", "verify", code, config=two, check=False).returncode \
                == VERIFY_OK
        at_two, at_one = shown(two), shown(one)
        assert at_two["customer"]["first_name"] == "Chloé"
        assert at_two["consents"]["personalisation"]["granted"] is True
        assert at_two["purchases"] and at_one["purchases"]
        assert ({p["invoice"] for p in at_two["purchases"]}
                .isdisjoint({p["invoice"] for p in at_one["purchases"]}))

        # a preference set at store 2 shows at store 1 after a sync of each
        kiosk("privacy", "prefer", customer, "colour", "blue", "--source", "shopper",
              "--card", chloe["short_code"], config=two)
        sync(two)
        sync(one)
        assert ("colour", "blue") in {(p["key"], p["value"])
                                      for p in shown(one)["preferences"]}

        # erased at store 2 with her card: gone at store 1 and at head office
        kiosk("privacy", "erase", customer, "--yes", "--card", chloe["short_code"], config=two)
        sync(two)
        sync(one)
        assert shown(two) is None and shown(one) is None
        assert kiosk("cards", "verify", chloe["code"], config=one,
                     check=False).returncode == VERIFY_UNKNOWN
        at_hq = kiosk("hq", "customer", "show", customer, "--database",
                      str(paths.hq_database), check=False)
        assert at_hq.returncode != 0
        assert "Traceback" not in at_hq.stderr
        # the other demo shoppers are untouched
        assert kiosk("cards", "verify", shoppers["Anna"]["short_code"], config=two,
                     check=False).returncode == VERIFY_OK
    finally:
        stop_process(hq)
    assert hq.returncode is not None


def test_chain_options_are_refused_with_the_store_options(tmp_path: Path):
    done = kiosk("demo", "--chain", str(tmp_path / "c"), "--db", str(tmp_path / "k.db"),
                 check=False)
    assert done.returncode == 2
    assert "--chain builds its own databases" in done.stderr
    done = kiosk("demo", "--no-open", "--db", str(tmp_path / "k.db"), check=False)
    assert done.returncode == 2
    assert "--no-open and --port go with --chain DIR" in done.stderr
    assert not (tmp_path / "c").exists() and not (tmp_path / "k.db").exists()
