"""Entry point of ``dosctl`` (the runbook's CLI arrives with issue 4)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("dosctl: not yet available (issue 4 brings it).", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
