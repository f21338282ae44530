"""The scale curve (``--scale``): the inbox figures at 10 000, 100 000 and 1 000 000 cases.

For each size: ``inbox_first_paint_ms`` (cold process), ``inbox_filter_ms``,
``inbox_scroll_frame_p99_ms``, ``sla_tick_ms`` (in-process, real widgets) and ``rss_mb`` (cold
process, inbox scrolled to the end) — the same measurements as the main figures
(``benchmarks.inbox``, ``benchmarks.startup``, ``benchmarks.memory``), over a store of that size.
Printed as one table (figure × size) after the figures, and as figures named ``NAME@CASES``.

The stores are built fast and straight into a store file, not through the server: the run's
synced store is the template (its cases are real seeded cases, written by the app's own sync);
its case rows are copied with ``sqlite3`` in bulk (``INSERT … SELECT`` with a suffix on the id,
also inside ``data``) until the size is reached, the cases' indexes are dropped during the copy
and rebuilt after it, then ``ANALYZE`` as the app runs after a large pull (sampled with the app's
``analysis_limit``: a smaller sample than the app's steered the planner elsewhere). Each size is
built once per run and kept in the run's temp dir (a second use in the same run reuses it).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from app.store.stats import ANALYSIS_LIMIT
from benchmarks.harness import Figure, judge

SIZES = (10_000, 100_000, 1_000_000)
# issue 21: at 1 000 000 cases; other sizes are judged by the main figures' targets
AT_1M = {"inbox_first_paint_ms": 1500.0, "inbox_filter_ms": 100.0, "rss_mb": 400.0}
ORDER = ("inbox_first_paint_ms", "inbox_filter_ms", "inbox_scroll_frame_p99_ms", "sla_tick_ms",
         "rss_mb")  # fmt: skip


def build_store(template: Path, cases: int, out_dir: Path) -> tuple[Path, float]:
    """A store of ``cases`` cases made from ``template`` (cached in ``out_dir``): (path, seconds
    spent building it, 0 when cached)."""
    path = out_dir / f"scale-{cases}.sqlite3"
    if path.exists():
        return path, 0.0
    t0 = time.perf_counter()
    part = path.with_suffix(".part")
    part.unlink(missing_ok=True)
    src = sqlite3.connect(template)
    dst = sqlite3.connect(part)
    try:
        src.backup(dst)  # consistent copy, WAL included
    finally:
        src.close()
    try:
        _grow(dst, cases)
    finally:
        dst.close()
    part.rename(path)
    return path, time.perf_counter() - t0


def _grow(conn: sqlite3.Connection, cases: int) -> None:
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    have = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    if have == 0:
        raise RuntimeError("the template store has no cases")
    if cases <= have:
        conn.execute(
            "DELETE FROM cases WHERE rowid NOT IN (SELECT rowid FROM cases ORDER BY id LIMIT ?)",
            (cases,),
        )
        conn.commit()
        conn.execute("VACUUM")
    else:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(cases)")]
        unique = _unique_columns(conn)
        indexes = [
            sql for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name='cases' "
                "AND sql IS NOT NULL"
            )
        ]  # fmt: skip
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='cases' "
            "AND sql IS NOT NULL")]  # fmt: skip
        for name in names:
            conn.execute(f'DROP INDEX "{name}"')
        conn.execute("CREATE TEMP TABLE tpl AS SELECT * FROM cases ORDER BY id")
        exprs = []
        for c in columns:
            if c == "id" or c in unique:
                exprs.append(f"\"{c}\" || '-x' || :k")
            elif c == "data":
                exprs.append("json_set(data, '$.id', id || '-x' || :k)")
            else:
                exprs.append(f'"{c}"')
        sql = (
            f"INSERT INTO cases ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
            f"SELECT {', '.join(exprs)} FROM tpl LIMIT :n"
        )
        k = 0
        while have < cases:
            k += 1
            n = min(cases - have, conn.execute("SELECT count(*) FROM tpl").fetchone()[0])
            conn.execute(sql, {"k": k, "n": n})
            have += n
        conn.commit()
        for index_sql in indexes:
            conn.execute(index_sql)
        conn.commit()
    conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")  # as the app samples
    conn.execute("ANALYZE")
    conn.commit()


def _unique_columns(conn: sqlite3.Connection) -> set[str]:
    """Columns of the cases' UNIQUE indexes (other than the primary key)."""
    out: set[str] = set()
    for _seq, name, unique, origin, _partial in conn.execute("PRAGMA index_list(cases)"):
        if unique and origin != "pk":
            out |= {row[2] for row in conn.execute(f'PRAGMA index_info("{name}")')}
    return out


def _at_size(fig: Figure, cases: int) -> Figure:
    """The figure renamed ``NAME@CASES``; at 1 000 000 judged by the issue's targets there."""
    name = f"{fig.name}@{cases}"
    limit = AT_1M.get(fig.name) if cases >= 1_000_000 else None
    if limit is None or fig.value is None:
        fig.name = name
        return fig
    return judge(
        name, fig.value, fig.unit, floor=fig.floor, floor_value=fig.floor_value,
        max_value=limit, note=fig.note, **fig.extra,
    )  # fmt: skip


def run(env: Any, sizes: tuple[int, ...] = SIZES, repeats: int = 2) -> list[Figure]:
    from benchmarks import inbox, memory, startup

    template = env.client_store_path()
    figures: list[Figure] = []
    for cases in sizes:
        path, built_s = build_store(template, cases, env.tmp)
        got = [
            startup.inbox_first_paint(path, repeats),
            inbox.inbox_filter(path, env.sizes.filter_changes),
            inbox.inbox_scroll(path),
            inbox.sla_tick(path, env.sizes.ticks),
            memory.rss(path),
        ]
        for fig in got:
            fig.extra["cases"] = cases
            fig.extra["store_mib"] = path.stat().st_size >> 20
            if built_s:
                fig.extra["store_built_s"] = round(built_s, 1)
        figures += [_at_size(f, cases) for f in got]
    return figures


def print_curve(figures: list[Figure]) -> None:
    """The curve as one table: a row per figure, a column per size."""
    cells: dict[tuple[str, int], Figure] = {}
    sizes: list[int] = []
    for f in figures:
        if "@" not in f.name:
            continue
        base, cases = f.name.rsplit("@", 1)
        cells[(base, int(cases))] = f
        if int(cases) not in sizes:
            sizes.append(int(cases))
    if not cells:
        return
    head = ["scale curve", *(f"{n:,} cases" for n in sizes)]
    rows = [head]
    for base in ORDER:
        row = [base]
        for n in sizes:
            f = cells.get((base, n))
            if f is None or f.value is None:
                row.append("null")
            else:
                mark = "" if f.ok is None else (" ok" if f.ok else " NO")
                row.append(f"{f.value:g} {f.unit}{mark}")
        rows.append(row)
    built = [next(cells[(b, n)].extra for b in ORDER if (b, n) in cells) for n in sizes]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    print()
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print("stores: " + ", ".join(
        f"{e['cases']:,} cases {e['store_mib']} MiB"
        + (f" (built in {e['store_built_s']} s)" if "store_built_s" in e else "")
        for e in built
    ))  # fmt: skip
