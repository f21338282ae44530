"""The harness core: the ``Figure`` record, its table / JSON output, timing helpers, sizes.

Every figure is judged against its target in the same run; a figure whose floor is measured
(raw sqlite3, bare httpx, bare QApplication, ...) carries that floor's value and the ratio.
A figure that cannot be measured has ``value=None`` and a note that starts ``unavailable:``.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

FRAME_MS = 16.7  # one frame at 60 Hz: the floor of the frame-time figures


@dataclass(frozen=True)
class Sizes:
    """How big each load is; ``quick`` runs in CI (under two minutes on two cores)."""

    cases: int
    filter_changes: int
    push_actions: int
    delta_changes: int
    transcript_s: float
    segments_per_s: int
    ticks: int

    @classmethod
    def for_mode(cls, quick: bool) -> Sizes:
        if quick:
            return cls(5_000, 20, 100, 100, 8.0, 50, 20)
        return cls(100_000, 20, 1_000, 100, 60.0, 50, 60)


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    target: str
    floor: str | None = None
    floor_value: float | None = None
    ratio: float | None = None
    ok: bool | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("extra")
        if self.extra:
            out["extra"] = self.extra
        return out


def judge(
    name: str,
    value: float | None,
    unit: str,
    *,
    floor: str | None = None,
    floor_value: float | None = None,
    max_value: float | None = None,
    min_value: float | None = None,
    max_ratio: float | None = None,
    note: str = "",
    **extra: Any,
) -> Figure:
    """A figure with its ratio to the floor and whether it meets every target given."""
    parts = []
    if max_value is not None:
        parts.append(f"<= {max_value:g} {unit}")
    if min_value is not None:
        parts.append(f">= {min_value:g} {unit}")
    if max_ratio is not None:
        parts.append(f"ratio <= {max_ratio:g}")
    ratio = None
    if value is not None and floor_value:
        ratio = round(value / floor_value, 2)
    ok: bool | None = None
    if value is not None:
        ok = True
        if max_value is not None:
            ok = ok and value <= max_value
        if min_value is not None:
            ok = ok and value >= min_value
        if max_ratio is not None:
            ok = ok and ratio is not None and ratio <= max_ratio
    return Figure(
        name, _round(value), unit, " and ".join(parts) or "-", floor, _round(floor_value),
        ratio, ok, note, extra,
    )  # fmt: skip


def unavailable(name: str, unit: str, target: str, why: str, floor: str | None = None) -> Figure:
    return Figure(name, None, unit, target, floor, None, None, None, f"unavailable: {why}")


def _round(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, 3) if abs(value) < 100 else round(value, 1)


# -- timing -------------------------------------------------------------------------------------
def now_ms() -> float:
    """Monotonic milliseconds, comparable across processes on one machine (CLOCK_MONOTONIC)."""
    return time.monotonic() * 1000.0


def timed_ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000.0, result


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def percentile(values: Iterable[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 100 samples is the 99th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


# -- output -------------------------------------------------------------------------------------
def print_json(figures: Iterable[Figure]) -> None:
    for fig in figures:
        print(json.dumps(fig.as_json(), ensure_ascii=False), flush=True)


def print_table(figures: list[Figure]) -> None:
    head = ("figure", "value", "unit", "floor", "ratio", "target", "ok")
    rows = [head]
    for f in figures:
        ok = "-" if f.ok is None else ("yes" if f.ok else "NO")
        rows.append(
            (
                f.name,
                "null" if f.value is None else f"{f.value:g}",
                f.unit,
                "-" if f.floor_value is None else f"{f.floor_value:g}",
                "-" if f.ratio is None else f"{f.ratio:g}",
                f.target,
                ok,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    notes = [f for f in figures if f.note or f.floor]
    if notes:
        print()
    for f in notes:
        floor = f" floor: {f.floor}." if f.floor else ""
        print(f"- {f.name}:{floor} {f.note}".rstrip())


def machine() -> dict[str, Any]:
    """nproc, CPU model, RAM, Python and Qt versions (for README before / after tables)."""
    import platform

    import psutil

    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if "model name" in ln), cpu)
    except OSError:
        pass
    try:
        import PySide6

        qt = PySide6.__version__
    except ImportError:  # pragma: no cover - Qt is a dependency
        qt = "?"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "pyside6": qt,
    }


def pin_none() -> None:
    """Make ``None`` effectively immortal in this process (what Python 3.12 does, PEP 683).

    PySide6 6.12 on Python 3.11 drops one reference to ``None`` each time C++ reads a Python
    model's ``data()`` that returned ``None``; after some 10^4..10^5 such reads (a minute of
    scrolling the inbox) the process aborts with "Fatal Python error: none_dealloc". The
    harness pins ``None`` so it can measure; the app needs the same fix (see README.md).
    """
    import ctypes
    import sys

    if sys.version_info < (3, 12):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
