"""The fact checker of generated content (seed 003): every number the text states is found and
compared with the KPI data store (app.rules.kpi).

A generator annotates the figures it used: a claim's ``metric`` is ``<metric>@<period>`` and its
``begin_char`` / ``end_char`` the span of the figure in the text. The checker does not trust the
annotation's values: it reads the stated value from the text itself and the stored value from
the store, now. A quantity in the text that no annotation covers (a number with a unit: %, %p,
건, 명, 분, 초, 점, 원, 시간) is an *unverified* claim (no metric, no stored value): content
with one cannot be approved without a recorded reason (app.rules.generated). Dates (2026년 11월
16일) and ordinals are not quantities.

A stated value matches when it equals the stored one at the precision it is written with
(47.8% matches 47.83, 48% matches 47.6 — a person rounding is not a mismatch).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from app.domain.generated import FactCheckResult, FactClaim

QUANTITY = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(억|만)?\s*(%p|%|건|명|분(?!기)|초|점|원|시간)"
)
SCALE = {"억": 100_000_000, "만": 10_000, None: 1}


def quantities(text: str) -> list[tuple[int, int, float, int]]:
    """``(begin, end, value, decimals)`` of every quantity in ``text``."""
    out = []
    for m in QUANTITY.finditer(text):
        whole, frac, scale = m.group(1).replace(",", ""), m.group(2) or "", m.group(3)
        value = float(whole + frac) * SCALE[scale]
        out.append((m.start(), m.end(), value, max(0, len(frac) - 1)))
    return out


def matches(stated: float, stored: float | None, decimals: int) -> bool:
    if stored is None:
        return False
    return abs(stated - stored) <= 0.5 * 10**-decimals + 1e-9


def check(
    body: str,
    annotated: Iterable[FactClaim],
    stored: Callable[[list[str]], Mapping[str, float | None]],
    now: datetime,
    source: str = "KPI data store",
) -> FactCheckResult:
    """The fact check of ``body``: one claim per quantity, annotated ones compared with
    ``stored(names)`` (the KPI store's lookup), the others unverified."""
    spans = {(c.begin_char, c.end_char): c.metric for c in annotated if c.metric}
    found = quantities(body)
    names = [spans[(b, e)] for b, e, _v, _d in found if (b, e) in spans]
    values = stored(names) if names else {}
    claims = []
    for begin, end, value, decimals in found:
        metric = spans.get((begin, end), "")
        known = values.get(metric) if metric else None
        claims.append(
            FactClaim(body[begin:end], metric, value, known,
                      bool(metric) and matches(value, known, decimals), begin, end)
        )  # fmt: skip
    return FactCheckResult(now, claims, source)


def annotate(body: str, figures: Iterable[tuple[str, str]]) -> list[FactClaim]:
    """A generator's annotation: each ``(text, metric@period)`` located in ``body`` in order
    (a text stated twice is annotated at each successive place)."""
    spans = [(b, e) for b, e, _v, _d in quantities(body)]
    claims, i = [], 0
    for text, metric in figures:
        while i < len(spans) and body[spans[i][0] : spans[i][1]] != text:
            i += 1
        if i == len(spans):
            raise ValueError(f"{text!r} is not a quantity of the text (in order)")
        begin, end = spans[i]
        claims.append(FactClaim(text, metric, None, None, False, begin, end))
        i += 1
    return claims


def fingerprint(result: FactCheckResult | None) -> tuple:
    """What may change between two checks (the scheduler saves a check only when it did)."""
    if result is None:
        return ()
    return tuple((c.text, c.metric, c.matches, c.stored_value) for c in result.claims)


def unverified(result: FactCheckResult | None) -> list[FactClaim]:
    """Claims that did not check out: a mismatch, or a figure the store cannot confirm."""
    return [] if result is None else result.mismatches
