"""docs/ACTIONS.md is generated from the command modules and must not go stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.commands import COMMANDS
from app.commands.catalog import render

ROOT = Path(__file__).resolve().parents[3]


def test_actions_md_matches_the_command_modules() -> None:
    current = (ROOT / "docs" / "ACTIONS.md").read_text(encoding="utf-8")
    assert current == render(), "docs/ACTIONS.md is stale: run scripts/gen_actions_md.py"


def test_every_intent_has_a_row_with_its_bounds_and_seed_rule() -> None:
    text = render()
    for name in COMMANDS:
        assert f"| `{name}` |" in text
    assert "≤ 10000000000000" in text and "> 0" in text  # money bounds of approve.limit
    assert "종료 조건: 최종 결정 완료, 고객 통지 완료, 모든 Task 완료" in text
    assert "Level 2 → Level 3 (senior_reviewer → ops_admin)" in text


def test_the_script_check_mode_agrees() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_actions_md.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
