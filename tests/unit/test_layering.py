"""The import-linter contracts of pyproject.toml (shared/STYLE.md §1) hold."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _page_folders() -> set[str]:
    """Every package under ui/, as a dotted module name: each is a page (what pages share are
    modules of ui/ itself, e.g. ui.wiring, ui.submit_form, or widgets/ and app/)."""
    return {f"ui.{p.parent.name}" for p in (ROOT / "ui").glob("*/__init__.py")}


def test_pages_independence_contract_names_every_page_folder() -> None:
    """No page imports another: the contract exists and covers every page folder, so a new page
    folder cannot escape it; the shared pieces and each folder's own modules keep to it too."""
    folders = _page_folders()
    assert {"ui.inbox", "ui.case", "ui.call", "ui.wall", "ui.ops"} <= folders
    by_type: dict[str, list[dict]] = {}
    for contract in _contracts():
        by_type.setdefault(contract["type"], []).append(contract)
    independent = [set(c["modules"]) for c in by_type.get("independence", [])]
    assert folders in independent, f"no independence contract over exactly {sorted(folders)}"
    shared = [c for c in by_type.get("forbidden", []) if "ui.wiring" in c["source_modules"]]
    assert shared and folders <= set(shared[0]["forbidden_modules"])
    acyclic = [set(c["ancestors"]) for c in by_type.get("acyclic_siblings", [])]
    assert any(folders <= ancestors for ancestors in acyclic)


def test_no_qt_import_text_in_core() -> None:
    """Belt and braces: no module under app/ or sync/ even mentions a Qt import."""
    offenders = []
    for folder in ("app", "sync"):
        for path in (ROOT / folder).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                stripped = line.strip()
                if stripped.startswith(("import ", "from ")) and any(
                    name in stripped for name in ("PySide6", "qasync", "pyqtgraph", "shiboken6")
                ):
                    offenders.append(f"{path.relative_to(ROOT)}: {stripped}")
    assert offenders == []


def test_console_scripts_exist() -> None:
    bindir = Path(sys.executable).parent
    for name in ("reviewer-workstation", "reviewer-server", "dosctl"):
        assert (bindir / name).exists(), name


def test_ruff_finds_nothing() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
