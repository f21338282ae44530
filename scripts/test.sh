#!/usr/bin/env bash
# Second command of the README: set up if needed, then run every test (unit, Qt, integration),
# the layering contracts and the quick benchmark smoke test. Extra arguments go to pytest.
# Tests run in one process per core (pytest-xdist, whole files per process so a file's fixtures
# are set up once); TEST_WORKERS=0 runs them in this process (for pdb), TEST_WORKERS=N in N.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
set +e
workers=${TEST_WORKERS:-auto}
if [ "$workers" = 0 ]; then
  .venv/bin/python -m pytest "$@"
else
  # a worker that crashes fails the run at once (replacing it can hang xdist's file scheduler)
  .venv/bin/python -m pytest -n "$workers" --dist loadfile --max-worker-restart=0 "$@"
fi
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "test.sh: no test ran — that is a failure" >&2
  exit 1
fi
exit "$rc"
