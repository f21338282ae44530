#!/usr/bin/env bash
# Renders every page, at 1920x1080 and 1440x900, in Korean and English, into docs/screenshots/pages/
# (offscreen, demo mode): one app process per demo user and language, each taking every page that
# user may open (ui/app.py --screenshots): admin1 (every page) into pages/, the agent's call page
# into pages/agent/, the supervisor's desk and wall into pages/supervisor/. The case page shows
# the inbox's first case.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots/pages}
export QT_QPA_PLATFORM=offscreen
for lang in ko en; do
  for user in admin1 agent1 supervisor1; do
    case $user in admin1) dir=$out ;; agent1) dir=$out/agent ;; *) dir=$out/supervisor ;; esac
    data=$(mktemp -d)
    .venv/bin/reviewer-workstation --demo --data-dir "$data" --user "$user" --lang "$lang" \
      --screenshots "$dir" >"$data.log" 2>&1 || { echo "screenshots: $user $lang failed (log: $data.log)" >&2; exit 1; }
    rm -rf "$data" "$data.log"
  done
done
ls "$out" "$out"/agent "$out"/supervisor
