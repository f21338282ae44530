"""Write ``docs/ACTIONS.md`` from the command modules (app.commands.catalog).

    .venv/bin/python scripts/gen_actions_md.py          # write
    .venv/bin/python scripts/gen_actions_md.py --check  # exit 1 when the file is stale

``tests/unit/commands/test_catalog.py`` fails until the file matches the commands again.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "ACTIONS.md"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from app.commands.catalog import render

    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run scripts/gen_actions_md.py")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
