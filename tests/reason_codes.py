"""Valid reason codes for tests, picked from the one catalogue (app/rules/reason_codes.py): a
test that approves, denies or resolves an appeal sends codes a reviewer could really pick, so
the server's catalogue rule is never weakened to let a made-up code through."""

from __future__ import annotations

from app.rules.reason_codes import codes_for


def valid_code(action: str = "approve", n: int = 0, resolution: str | None = None) -> str:
    """The ``n``-th catalogue code of ``action`` (approve | deny | appeal_resolve)."""
    catalogue = codes_for(action, resolution)
    assert catalogue, f"no reason-code catalogue for {action!r}"
    return catalogue[n % len(catalogue)].code


APPROVE_CODE = valid_code("approve")
DENY_CODE = valid_code("deny")
UPHOLD_CODE = valid_code("appeal_resolve", resolution="uphold")
