"""Entry point of ``reviewer-server`` (the reference backend arrives with issue 3)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("reviewer-server: not yet available (issue 3 brings it).", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
