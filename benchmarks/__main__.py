"""``python -m benchmarks [--quick] [--json] [--only NAME ...] [--keep] [--scale [CASES ...]]``

Builds the server database and the client store once in a temp dir, then measures every figure
(each beside its floor from the same run) and prints a table, or one JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from benchmarks.harness import Figure, Sizes, machine, print_json, print_table, unavailable

GROUPS = ("startup", "sync", "inbox", "transcript", "memory")
EXTRA = ("instances", "scale")  # only when named (--only, --scale)
STARTUP = ("startup_cold_ms", "ms", "ratio <= 1.5")
INITIAL = ("initial_sync_s", "s", "ratio <= 1.5")
DELTA = ("delta_sync_ms", "ms", "<= 150 ms")
PUSH = ("push_rate", "actions/s", ">= 300 actions/s")
FIRST_PAINT = ("inbox_first_paint_ms", "ms", "<= 800 ms")
FILTER = ("inbox_filter_ms", "ms", "<= 30 ms and ratio <= 2")
SCROLL = ("inbox_scroll_frame_p99_ms", "ms", "<= 16 ms")
TICK = ("sla_tick_ms", "ms", "<= 2 ms and p99 <= 8 ms")
RSS = ("rss_mb", "MB", "<= 250 MB")
INSTANCES_RATE = ("instances_mutations_per_s", "mutations/s", "ratio >= 1.5")
INSTANCES_P99 = ("instances_mutation_p99_ms", "ms", "<= 200 ms")
SCALE = (
    "scale_curve",
    "-",
    "at 1 000 000 cases: first paint <= 1500 ms, filter <= 100 ms, rss <= 400 MB",
)
INSTANCES_TRIPS = ("instances_round_trips_per_mutation", "round trips", "-")
INSTANCES = [INSTANCES_RATE, INSTANCES_P99, INSTANCES_TRIPS]


def _guard(group: str, fn: Callable[[], list[Figure]], names: list[tuple[str, str, str]]):
    try:
        return fn()
    except Exception as exc:  # one broken group must not hide the others
        return [
            unavailable(n, unit, target, f"{group} failed: {exc!r}") for n, unit, target in names
        ]


def inbox_figures(env, sizes: Sizes, repeats: int) -> list[Figure]:
    from benchmarks import inbox, startup

    store = env.client_store_path()
    return [startup.inbox_first_paint(store, repeats), *inbox.run(store, sizes)]


def instances_figures(quick: bool) -> list[Figure]:
    from benchmarks import instances

    return instances.run(quick)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes (CI, under two minutes)")
    p.add_argument("--json", action="store_true", help="one JSON object per figure and line")
    p.add_argument(
        "--only",
        nargs="*",
        choices=GROUPS + EXTRA,
        help="figure groups to run (instances only when named)",
    )
    p.add_argument("--keep", action="store_true", help="keep the temp dir (store, server DB)")
    p.add_argument(
        "--scale", nargs="*", type=int, metavar="CASES",
        help="also the scale curve (inbox figures and RSS at 10 000, 100 000, 1 000 000 cases, "
        "or at the sizes given)",
    )  # fmt: skip
    args = p.parse_args(argv)
    groups = list(args.only or GROUPS)
    if args.scale is not None and "scale" not in groups:
        groups.append("scale")
    sizes = Sizes.for_mode(args.quick)

    from benchmarks import memory, scale, startup, sync, transcript
    from benchmarks.fixtures import Env

    started = time.perf_counter()
    env = Env(sizes, keep=args.keep)
    repeats = 2 if args.quick else 3
    plan: list[tuple[str, Callable[[], list[Figure]], list[tuple[str, str, str]]]] = [
        # cold processes first, while the machine is quiet
        ("startup", lambda: [startup.startup_cold(repeats)], [STARTUP]),
        ("sync", lambda: sync.run(env), [INITIAL, DELTA, PUSH]),
        ("inbox", lambda: inbox_figures(env, sizes, repeats), [FIRST_PAINT, FILTER, SCROLL, TICK]),
        ("transcript", lambda: transcript.run(env), []),
        ("memory", lambda: [memory.rss(env.client_store_path())], [RSS]),
        ("instances", lambda: instances_figures(args.quick), INSTANCES),
        ("scale", lambda: scale.run(env, tuple(args.scale or scale.SIZES), repeats), [SCALE]),
    ]
    figures: list[Figure] = []
    try:
        for group, fn, names in plan:
            if group in groups:
                figures += _guard(group, fn, names)
    finally:
        env.close()
    info = {"mode": "quick" if args.quick else "full", "cases": sizes.cases,
            "store": env.store_filled_by, "seconds": round(time.perf_counter() - started, 1),
            **machine()}  # fmt: skip
    if args.json:
        print_json(figures)
        print(json.dumps({"run": info}, ensure_ascii=False), file=sys.stderr)
    else:
        print_table(figures)
        scale.print_curve(figures)
        print("\n" + ", ".join(f"{k}: {v}" for k, v in info.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
