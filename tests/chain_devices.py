"""A chain for tests: head office in its own process and devices (kiosks, tablets), each a
database of its own driven by real ``kiosk`` processes.

``Device.cli(...)`` runs the ``kiosk`` command as that device (its own config file);
``Device.act(...)`` runs what a shopper or a member of staff does at it
(``tests/chain_actions.py``, through the same services the screens call) in a process
of its own and returns what it printed (JSON).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hqserver import HQProcess

ACTIONS = Path(__file__).with_name("chain_actions.py")


class Device:
    def __init__(self, folder: Path, name: str, store_id: str, hq_url: str, token: str):
        self.name, self.store_id = name, store_id
        self.folder = folder / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.database = self.folder / "kiosk.db"
        self.config = self.folder / "kiosk.toml"
        self.write_config(hq_url, token)

    def write_config(self, hq_url: str, token: str) -> None:
        self.config.write_text(
            f'database = "{self.database}"\nkiosk_id = "{self.name}"\n'
            f'store_id = "{self.store_id}"\nstore_name = "Store {self.store_id}"\n'
            f'hq_url = "{hq_url}"\nhq_token = "{token}"\n\n'
            "[plugins.sync]\ninterval = 0.05\nmax_wait = 0.05\nbackoff_base = 0.05\n"
            "backoff_cap = 0.4\n")

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "KIOSK_CONFIG": str(self.config)}

    def cli(self, *args: str, check: bool = True,
            timeout: float = 120) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "kiosk", *args], env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            raise AssertionError(f"{self.name}: kiosk {' '.join(args)} exited "
                                 f"{done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def act(self, action: str, *args: str) -> Any:
        done = subprocess.run([sys.executable, str(ACTIONS), action, *args], env=self.env,
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise AssertionError(f"{self.name}: {action} failed:\n{done.stdout}\n{done.stderr}")
        return json.loads(done.stdout)

    def sync(self) -> dict[str, Any]:
        return json.loads(self.cli("sync", "--once", "--json").stdout)

    def verify(self, code: str) -> int:
        return self.cli("cards", "verify", code, check=False).returncode

    def show(self, customer_id: str) -> dict[str, Any] | None:
        done = self.cli("privacy", "show", customer_id, "--json", check=False)
        return json.loads(done.stdout) if done.returncode == 0 else None


class Chain:
    """Head office (``kiosk hq serve`` on ``database``) and the devices added to it."""

    def __init__(self, folder: Path, database: str):
        self.folder, self.database = folder, database
        self.hq = HQProcess(database, log=folder / "hq.log").start()
        self.devices: dict[str, Device] = {}

    def hq_cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "kiosk.hq", *args, "--database",
                               self.database], capture_output=True, text=True, timeout=300,
                              cwd=self.folder)
        if check and done.returncode != 0:
            raise AssertionError(f"kiosk hq {' '.join(args)} exited {done.returncode}:\n"
                                 f"{done.stdout}\n{done.stderr}")
        return done

    def add(self, name: str, store_id: str, role: str = "kiosk") -> Device:
        token = self.hq_cli("add-kiosk", name, "--store", store_id,
                            *(["--role", role] if role != "kiosk" else [])).stdout.strip()
        device = Device(self.folder, name, store_id, self.hq.url, token.splitlines()[-1])
        self.devices[name] = device
        return device

    def customer(self, customer_id: str) -> dict[str, Any] | None:
        """``kiosk hq customer show --json``; None when head office holds nobody by that id."""
        done = self.hq_cli("customer", "show", customer_id, "--json", check=False)
        return json.loads(done.stdout) if done.returncode == 0 else None

    def stop(self) -> None:
        self.hq.stop()
