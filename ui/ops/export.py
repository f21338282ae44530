"""CSV export of the SLA report: UTF-8 with a byte-order mark so Excel opens Korean correctly,
``\\r\\n`` line ends (the csv module's default dialect), one header row."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

ENCODING = "utf-8-sig"


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write and return the number of data rows."""
    count = 0
    with path.open("w", encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def read_csv(path: Path) -> list[list[str]]:
    with path.open("r", encoding=ENCODING, newline="") as fh:
        return [list(row) for row in csv.reader(fh)]
