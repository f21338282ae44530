"""Entry point of ``reviewer-workstation`` (the window arrives with issue 5)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print(
        "reviewer-workstation: the window is not yet available (issue 5 brings it).",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
