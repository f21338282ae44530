"""``python -m benchmarks --quick --json`` runs and reports every figure (never a timing check)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = {
    "inbox_first_paint_ms", "inbox_filter_ms", "inbox_scroll_frame_p99_ms", "sla_tick_ms",
    "initial_sync_s", "delta_sync_ms", "push_rate", "transcript_latency_p95_ms",
    "transcript_frame_p99_ms", "rss_mb", "startup_cold_ms",
}  # fmt: skip
FIELDS = {"name", "value", "unit", "floor", "floor_value", "ratio", "target", "ok"}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_quick_json_reports_every_figure(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=590,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    figures = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    by_name = {f["name"]: f for f in figures}
    assert set(by_name) == FIGURES
    for fig in figures:
        assert set(fig) >= FIELDS, fig
        # a number, or null with the reason why the figure could not be measured
        if fig["value"] is None:
            assert fig.get("note", "").startswith("unavailable:"), fig
        else:
            assert isinstance(fig["value"], int | float), fig
        assert fig["floor_value"] is None or isinstance(fig["floor_value"], int | float), fig
