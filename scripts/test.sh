#!/usr/bin/env bash
# Second command of the README: set up if needed, then run every test (unit, Qt, integration),
# the layering contracts and the quick benchmark smoke test. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "test.sh: no test ran — that is a failure" >&2
  exit 1
fi
exit "$rc"
