"""Step 1, QUERY_DECOMPOSITION (seed 002 §2.1): question type by the seed's keyword table over
Korean morphemes (Kiwi, app.text.korean), constraints (org unit, horizon, head count, skills,
opportunity), intent, sub-queries and a classification confidence. No keyword → E001 with the
seed's hint ("더 구체적인 키워드 포함").

Matching: each keyword is split into morphemes by the same tokenizer; it matches where its
morphemes, joined, begin at a morpheme of the question (Kiwi may split what the keyword keeps
whole, 병목은 → 병 + 목, or glue on a suffix, 주간), a number matching any number (the seed's
"12주" is a horizon keyword: "8주간" matches it too).
Confidence (ours; the seed gives none): 0.55 + 0.15 per keyword of the chosen type beyond none,
less 0.1 per keyword of other types, within 0.3-0.95.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.decisions.errors import WorkflowError
from app.decisions.graph import HRGraph
from app.domain.decisions import DecisionError, DecomposedQuery, SubQuery
from app.domain.enums import DecisionType
from app.text.korean import morphemes as kiwi_morphemes

KEYWORDS: dict[DecisionType, tuple[str, ...]] = {
    DecisionType.CAPACITY: ("가동률", "병목", "12주"),
    DecisionType.GO_NOGO: ("go/no-go", "수주", "성공 확률"),
    DecisionType.HEADCOUNT: ("증원", "채용", "인원 부족"),
    DecisionType.COMPETENCY_GAP: ("역량 갭", "스킬 부족"),
}
DEFAULT_HORIZON = 12
MAX_HORIZON = 52
MAX_QUERY = 1000

SUB_QUERIES: dict[DecisionType, tuple[tuple[str, str], ...]] = {
    DecisionType.CAPACITY: (
        ("supply", "조직별 주간 가용 인력(FTE) 조회"),
        ("demand", "프로젝트별 주간 수요(FTE) 조회"),
        ("gap", "주간 수요-공급 갭 계산"),
        ("bottleneck", "가동률 100% 초과 병목 구간 식별"),
    ),
    DecisionType.GO_NOGO: (
        ("opportunity", "영업 기회와 필요 역량 조회"),
        ("supply", "담당 조직의 주간 가용 인력 조회"),
        ("competency_match", "필요 역량 대비 보유 역량 매칭"),
        ("history", "과거 유사 프로젝트 성과 조회"),
    ),
    DecisionType.HEADCOUNT: (
        ("supply", "조직의 주간 가용 인력 조회"),
        ("demand", "프로젝트별 주간 수요 조회"),
        ("gap", "인원 부족 규모 계산"),
        ("cost", "채용·외주 비용 단가 조회"),
    ),
    DecisionType.COMPETENCY_GAP: (
        ("required", "프로젝트·기회의 필요 역량 조회"),
        ("held", "직원 보유 역량과 수준 조회"),
        ("gap", "역량별 부족 인원 계산"),
    ),
}

INTENTS = {
    DecisionType.CAPACITY: "향후 {h}주간 조직별 인력 가동률 및 병목 구간 분석",
    DecisionType.GO_NOGO: "영업 기회 수주 여부(Go/No-go) 판단",
    DecisionType.HEADCOUNT: "인원 증원 규모와 타당성 판단",
    DecisionType.COMPETENCY_GAP: "역량 갭 분석과 확보 방안 도출",
}

_DIGITS = re.compile(r"\d+")
_HORIZON = re.compile(r"(\d+)\s*주")
_HEADS = re.compile(r"(\d+)\s*명")
_UNIT_SUFFIX = re.compile(r"(팀|본부|실|부)$")
_UNIT = re.compile(r"([0-9A-Za-z가-힣]+(?:팀|본부|실|부))")


def _compact(tokens: Sequence[str]) -> str:
    return _DIGITS.sub("#", "".join(tokens))


def _match(tokens: Sequence[str], keyword: Sequence[str]) -> bool:
    """The keyword's morphemes, joined, start at a morpheme boundary of the question (Kiwi may
    split a noun the keyword keeps whole: 병목은 → 병 + 목)."""
    key = _compact(keyword)
    return bool(key) and any(_compact(tokens[i:]).startswith(key) for i in range(len(tokens)))


def keyword_hits(
    query: str, morphemes: Callable[[str], list[str]] = kiwi_morphemes
) -> dict[DecisionType, list[str]]:
    """The keywords of each type found in ``query``."""
    tokens = morphemes(query)
    return {
        qtype: [k for k in words if _match(tokens, morphemes(k))]
        for qtype, words in KEYWORDS.items()
    }


def e001(query: str) -> WorkflowError:
    return WorkflowError(
        DecisionError.E001,
        "질문 유형을 알 수 없습니다. 가동률·병목·12주, go/no-go·수주·성공 확률, "
        "증원·채용·인원 부족, 역량 갭·스킬 부족 같은 키워드를 넣어 더 구체적으로 물어 주세요.",
        "The question type is unknown. Include specific keywords such as 가동률 (utilisation), "
        "병목 (bottleneck), 수주 (win the deal), 증원 (headcount increase) or 역량 갭 "
        "(competency gap).",
        field="query",
    )


def _fold(text: str) -> str:
    return text.lower().replace(" ", "")


def constraints_of(query: str, context: dict, graph: HRGraph | None) -> dict:
    """Org unit, horizon, head count, skills and opportunity named in the question or context."""
    out: dict = {}
    horizon = context.get("horizon_weeks")
    if horizon is None and (m := _HORIZON.search(query)):
        horizon = int(m.group(1))
    out["horizon_weeks"] = max(1, min(MAX_HORIZON, int(horizon or DEFAULT_HORIZON)))
    if m := _HEADS.search(query):
        out["headcount"] = int(m.group(1))
    unit_id = context.get("org_unit_id")
    units = graph.org_units if graph else ()
    folded = _fold(query)
    if not unit_id:
        named = [u for u in units if _fold(u.name) in folded] or [
            u for u in units if (stem := _UNIT_SUFFIX.sub("", _fold(u.name))) and stem in folded
        ]
        if named:
            unit_id = max(named, key=lambda u: len(u.name)).org_unit_id
    if unit_id:
        out["org_unit_id"] = unit_id
    elif m := _UNIT.search(query):
        out["org_unit_name"] = m.group(1)
    if graph:
        skills = [c.competency_id for c in graph.competencies if _fold(c.name) in folded]
        if skills:
            out["competency_ids"] = skills
        opp = context.get("opportunity_id") or next(
            (o.opportunity_id for o in graph.opportunities if _fold(o.name) in folded),
            None,
        )
        if opp:
            out["opportunity_id"] = opp
    return out


def decompose(
    query: str,
    context: dict | None = None,
    graph: HRGraph | None = None,
    *,
    morphemes: Callable[[str], list[str]] = kiwi_morphemes,
) -> DecomposedQuery:
    """The seed's DecomposedQuery of ``query``; WorkflowError E001 when no type matches."""
    context = dict(context or {})
    text = (query or "").strip()
    if not text or len(text) > MAX_QUERY:
        raise e001(query or "")
    hits = keyword_hits(text, morphemes)
    counts = {t: len(h) for t, h in hits.items()}
    best = max(KEYWORDS, key=lambda t: counts[t])  # ties: the table's order
    if counts[best] == 0:
        raise e001(text)
    others = sum(counts.values()) - counts[best]
    confidence = round(max(0.3, min(0.95, 0.55 + 0.15 * counts[best] - 0.1 * others)), 2)
    constraints = constraints_of(text, context, graph)
    constraints["keywords"] = hits[best]
    subs = []
    for n, (kind, description) in enumerate(SUB_QUERIES[best], start=1):
        depends = [f"SQ-{k:03d}" for k in range(1, n)] if kind in ("gap", "bottleneck") else []
        subs.append(SubQuery(f"SQ-{n:03d}", kind, description, depends))
    return DecomposedQuery(
        original_query=text,
        query_type=best,
        intent=INTENTS[best].format(h=constraints["horizon_weeks"]),
        constraints=constraints,
        sub_queries=subs,
        execution_order=[s.sub_query_id for s in subs],
        confidence=confidence,
    )
