"""Property-based fuzzing of every operation in /openapi.json: no input may cause a 5xx, every
error is problem+json, and every answer conforms to the document (its status code, content type
and schema are the ones the operation lists: shared/API.md "The OpenAPI document lists, for every
operation, its problem+json responses"). Runs against its own server (random writes stay out of
the other tests), with a bounded number of examples per operation."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import schemathesis
from conftest import START, Api, Clock, seed
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.config import ServerConfig
from server.runner import RunningServer, start_server
from server.storage import ServerDB
from tests.hypothesis_profiles import budget

EXAMPLES = budget(12)
CONFORMANCE = [status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    clock = Clock(START)
    config = ServerConfig(db_url=f"sqlite:///{path}", port=0, clock=clock)
    seed(ServerDB(config.db_url), clock())
    running = start_server(config)
    yield running
    running.stop()


def test_no_5xx_for_any_generated_input(fuzz_server: RunningServer) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzz_server.url}/openapi.json")
    token = Api(fuzz_server.url).token("admin1")
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 35
    for operation in operations:
        if operation.path == "/v1/events":
            continue  # an endless stream; covered by the events tests
        if operation.path == "/v1/auth/logout":
            continue  # would revoke the fuzzer's own token; covered by test_auth_tokens

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": str(uuid.uuid4())}
            response = case.call(base_url=fuzz_server.url, headers=headers, timeout=30)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: "
                    f"{response.status_code} {response.text[:200]}"
                )
                return
            if response.status_code >= 400:
                ctype = (response.headers.get("content-type") or [""])[0]
                if not ctype.startswith("application/problem+json"):
                    failures.append(f"{case.method} {case.formatted_path}: {ctype}")
            try:
                case.validate_response(response, checks=CONFORMANCE)
            except FailureGroup as group:
                for failure in group.exceptions:
                    failures.append(
                        f"{case.method} {case.formatted_path}: {response.status_code} "
                        f"{failure.title}: {str(failure.message)[:200]}"
                    )

        check()
    unique = list(dict.fromkeys(f.split("\n")[0] for f in failures))
    assert not failures, "\n".join(unique[:40])
