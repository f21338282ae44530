"""``rss_mb``: resident memory (psutil) of a cold app process over the synced store, after the
inbox painted and was scrolled to the end (its row cache full) and the call page was opened."""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import Figure, judge, unavailable
from benchmarks.startup import probe


def rss(store_path: Path) -> Figure:
    name = "rss_mb"
    out = probe("inbox", str(store_path), "rss", timeout=600)
    if out.get("rss_mb") is None:
        return unavailable(name, "MB", "<= 250 MB", out.get("error", "no RSS reported"))
    call = out.get("call_page") or f"call page failed: {out.get('call_page_error')}"
    return judge(
        name, out["rss_mb"], "MB", max_value=250,
        note=f"inbox painted {out['rss_inbox_mb']:.0f} MB, scrolled to the end "
        f"{out['rss_scrolled_mb']:.0f} MB, then {call} opened (no call streaming in this "
        "process: see transcript figures)",
    )  # fmt: skip
