"""Property-based API testing: schemathesis generates requests for every operation of the
real server's /openapi.json (token included, so writes get past auth into validation).
No 5xx, and every error is a problem body or an error page, never a traceback.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.conftest import TOKEN


def _content_type(response: Any) -> str:
    value = response.headers.get("content-type", "")
    return str(value[0] if isinstance(value, list) else value)


def test_no_operation_answers_with_a_server_error(live_server: str) -> None:
    schema = schemathesis.openapi.from_url(f"{live_server}/openapi.json")
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 25  # the API and the page routes are all described

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def probe(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
            if response.status_code >= 500 or "Traceback" in response.text:
                failures.append(
                    f"{response.status_code} {case.as_curl_command()}\n{response.text[:300]}"
                )
            elif response.status_code >= 400:
                kind = _content_type(response)
                if "problem+json" not in kind and "text/html" not in kind:
                    failures.append(
                        f"{response.status_code} without a problem body: {case.as_curl_command()}"
                    )

        probe()
    assert not failures, "\n\n".join(failures[:10])
