# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""schemathesis against head office's OpenAPI spec, as CI runs it: its command line with
``--checks all``, against a real uvicorn server over each storage backend.

Every check passes: no input makes head office fail (5xx); every answer's status,
content type, headers and body are the ones the spec declares (errors included);
valid input is accepted and invalid input refused; endpoints that need a token refuse
requests without one. Examples per operation are bounded (``EXAMPLES``) so a run takes
seconds; schemathesis prints its seed, to replay a failure with ``--seed``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)

EXAMPLES = int(os.environ.get("KIOSK_SCHEMATHESIS_EXAMPLES", "30"))  # more to hunt
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
# a kiosk's token for every operation, an operator's for the operators' ones, a tablet's
# for the staff's
CONFIG = """
headers = { Authorization = "Bearer ${KIOSK_TOKEN}" }

[[operations]]
include-path-regex = "^/v1/admin/"
headers = { Authorization = "Bearer ${OPERATOR_TOKEN}" }

[[operations]]
include-path-regex = "^/v1/staff/presence$|/take$"
headers = { Authorization = "Bearer ${TABLET_TOKEN}" }

# the tablets' long poll would hold each call for its ``wait``: tested in tests/test_help.py
[[operations]]
include-path-regex = "^/v1/staff/help$"
headers = { Authorization = "Bearer ${TABLET_TOKEN}" }
parameters = { wait = 0 }
"""


def test_head_office_keeps_its_published_contract_under_every_check(live_hq, tmp_path):
    tokens = {
        "KIOSK_TOKEN": live_hq.storage.add_kiosk("k1", store_id="store-1"),
        "OPERATOR_TOKEN": live_hq.storage.add_kiosk("ops", store_id="-", role="operator"),
        "TABLET_TOKEN": live_hq.storage.add_kiosk("t1", store_id="store-1", role="tablet"),
    }
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG)
    report = tmp_path / "report.json"
    run = subprocess.run(
        [str(SCHEMATHESIS), "--config-file", str(config), "--no-color", "run",
         live_hq.url + "/openapi.json", "--checks", "all", "--max-examples", str(EXAMPLES),
         "--request-timeout", "30", "--generation-database", "none",
         "--report", "json", "--report-json-path", str(report)],
        cwd=tmp_path, env={**os.environ, **tokens}, capture_output=True, text=True,
        timeout=600)
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    result = json.loads(report.read_text())
    assert result["failures"] == [] and result["errors"] == []
    assert not any(result["warnings"].values()), result["warnings"]  # e.g. tokens refused
    operations = result["operations"]
    assert operations["tested"] == operations["total"] >= 8
    accepted = {name: rates["fuzzing"]["accepted"] for name, rates in
                result["valid_rates"].items()}
    for name in ("POST /v1/events", "GET /v1/changes", "POST /v1/admin/changes",
                 "POST /v1/admin/erasures"):
        assert accepted[name] > 0, f"{name}: no valid request got through"
    stats = live_hq.storage.stats()  # the batches went through real storage
    assert stats["backend"] == live_hq.storage.backend and stats["totals"]["events"] > 0
