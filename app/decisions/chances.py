"""Step 5, PROBABILITY_CALCULATION (seed 002 §2.4): each option's five factor scores (0-1,
1 favourable) from the facts, and the recommended option's ProbabilityResult through
app.rules.probability (the seed's weights, risk factors and mitigations).

- resource_fit: mean over the weeks of min(1, capacity ÷ demand) with the option's added FTE;
- competency_match: required competencies held at their minimum level (facts), closed in
  proportion to the people the option hires, trains or reassigns (× 0.8: they are not all
  experts); left out when nothing is required;
- historical_success: SUCCESS 1, PARTIAL 0.5, FAILED 0 over the unit's past projects (all units'
  when it has none); left out without history;
- timeline_feasibility: 1 − the option's lead weeks ÷ the horizon;
- risk_level: 1 − the share of weeks still above capacity, less 0.1 per step of aggressiveness.
"""

from __future__ import annotations

from app.decisions.facts import Facts
from app.decisions.plans import Measure, added_per_week
from app.domain.decisions import OptionSet, ProbabilityResult
from app.rules.probability import success_probability


def _clip(x: float) -> float:
    return round(max(0.0, min(1.0, x)), 4)


def factors(f: Facts, plan: list[Measure], step: int) -> dict[str, float]:
    added = added_per_week(f, plan)
    weeks = len(f.weeks)
    fits = [
        min(1.0, (s + a) / d) if d > 0 else 1.0
        for s, d, a in zip(f.supply, f.demand, added, strict=True)
    ]
    lead = max(f.rates[m.kind].lead_weeks for m in plan)
    over = sum(1 for s, d, a in zip(f.supply, f.demand, added, strict=True) if d > s + a + 1e-9)
    out = {
        "resource_fit": _clip(sum(fits) / weeks),
        "timeline_feasibility": _clip(1 - lead / weeks),
        "risk_level": _clip(1 - over / weeks - 0.1 * step),
    }
    if f.competency_match is not None:
        people = sum(m.fte for m in plan if m.kind in ("HIRE", "TRAINING", "INTERNAL"))
        closing = min(1.0, people / f.target_fte) * 0.8 if f.target_fte else 0.0
        out["competency_match"] = _clip(f.competency_match + (1 - f.competency_match) * closing)
    if f.history_success is not None:
        out["historical_success"] = _clip(f.history_success)
    return out


def probabilities(
    f: Facts, option_set: OptionSet, plans: list[list[Measure]]
) -> tuple[dict[str, dict[str, float]], ProbabilityResult]:
    """(factor scores per option id, the recommended option's ProbabilityResult)."""
    per_option = {
        o.option_id: factors(f, plan, n)
        for n, (o, plan) in enumerate(zip(option_set.options, plans, strict=True))
    }
    chosen = option_set.recommendation or option_set.options[0].option_id
    return per_option, success_probability(per_option[chosen])
