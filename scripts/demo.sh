#!/usr/bin/env bash
# First command of the README: set everything up, then start the workstation in demo mode.
# Extra arguments go to reviewer-workstation (e.g. --user agent1 --page call).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/reviewer-workstation --demo "$@"
