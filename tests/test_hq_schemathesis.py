"""schemathesis against head office's OpenAPI spec: no input makes it fail (no 5xx),
on both storage backends. In-process over ASGI, with bounded examples per operation,
valid (positive) and invalid (negative) inputs, with and without a token."""

# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
from __future__ import annotations

import pytest
import schemathesis
from hqserver import hq_storage, pg_server, pg_url  # noqa: F401  (fixtures)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from kiosk.hq.app import create_app

EXAMPLES = 25


def fuzz(operation, mode, headers):
    """Call one operation with generated inputs, with and without a token."""

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data):
        case = data.draw(operation.as_strategy(generation_mode=mode))
        case.call_and_validate(headers=headers, checks=[not_a_server_error])
        case.call_and_validate(checks=[not_a_server_error])

    check()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_causes_a_server_error(hq_storage, mode):
    app = create_app(hq_storage, faults_from_env=False)
    tokens = {
        "kiosk": hq_storage.add_kiosk("k1", store_id="store-1"),
        "operator": hq_storage.add_kiosk("ops", store_id="-", role="operator"),
    }
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/v1/events", "/v1/changes", "/v1/stats",
                                               "/v1/admin/changes", "/v1/admin/erasures"}
    fuzzed = set()
    for operation in operations:
        role = "operator" if operation.path.startswith("/v1/admin") else "kiosk"
        headers = {"Authorization": f"Bearer {tokens[role]}"}

        try:
            fuzz(operation, mode, headers)
        except Unsatisfiable:
            # an operation without parameters or body has no invalid input
            assert mode is GenerationMode.NEGATIVE
            continue
        fuzzed.add(operation.path)
    assert fuzzed >= {"/v1/events", "/v1/changes", "/v1/admin/changes", "/v1/admin/erasures"}
    stats = hq_storage.stats()  # the fuzzing went through real storage
    assert stats["backend"] == hq_storage.backend
