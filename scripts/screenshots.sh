#!/usr/bin/env bash
# Renders every page, at 1920x1080 and 1440x900, in Korean and English, into docs/screenshots/
# (offscreen, demo mode): one app process per demo user and language, each taking every page that
# user may open (ui/app.py --screenshots). The case page shows the inbox's first case.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
export QT_QPA_PLATFORM=offscreen
for lang in ko en; do
  for user in senior1 agent1 supervisor1 admin1 qa1; do
    data=$(mktemp -d)
    .venv/bin/reviewer-workstation --demo --data-dir "$data" --user "$user" --lang "$lang" \
      --screenshots "$out/$user" >"$data.log" 2>&1 || { echo "screenshots: $user $lang failed (log: $data.log)" >&2; exit 1; }
    rm -rf "$data" "$data.log"
  done
done
ls "$out"/*/ | head -100
