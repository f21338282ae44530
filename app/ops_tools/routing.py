"""Question → tool, in Korean or English, without a model download: the question's Kiwi
morphemes (app.text.korean) and lower-case English words are matched against each tool's
keyword table (app.ops_tools.catalog). A keyword only one tool knows weighs 2, a shared one 1.

A keyword of two syllables or more also counts when the text contains it as written.
``confidence`` is the best tool's share of all scores, damped when little matched; below
``SURE`` (or with a runner-up close behind) the answer offers the alternatives. Arguments are
extracted from the text ("4시간 안에", "within 4 hours", a queue's id or name, "목표 95%") and
kept only when the chosen tool takes them.

An organisation that wants a language model instead gives it ``Tool.schema()`` of the tools the
caller may run as function definitions and takes its function call in place of ``route()``; the
server still checks the role, validates the arguments with the same pydantic models and audits
the call (README "ChatOps").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.ops_tools.catalog import TOOLS, Tool
from app.text.korean import morphemes

SURE = 0.6
CLOSE = 0.8  # a runner-up with ≥ 80 % of the best score makes the question ambiguous
_WORD = re.compile(r"[a-z_]+")
_HOURS = (
    re.compile(r"(\d{1,3})\s*시간"),
    re.compile(r"(\d{1,3})\s*(?:hours?|hrs?|h)\b", re.I),
)
_DAY = re.compile(r"하루|a day|24h|one day", re.I)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def _weights() -> dict[str, Counter]:
    ko: Counter = Counter(k for t in TOOLS for k in t.keywords_ko)
    en: Counter = Counter(k for t in TOOLS for k in t.keywords_en)
    return {"ko": ko, "en": en}


_SHARED = _weights()


@dataclass(frozen=True, slots=True)
class Candidate:
    tool: str
    confidence: float


@dataclass(slots=True)
class Route:
    tool: str | None
    confidence: float
    args: dict = field(default_factory=dict)
    alternatives: list[Candidate] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return self.tool is None or bool(self.alternatives)


def _score(tool: Tool, ko: set[str], en: set[str], text: str) -> tuple[float, list[str]]:
    # a morpheme, or a keyword of two syllables or more written as it is: Kiwi reads a lone
    # "알림" as the verb 알리- (which "알려줘", tell me, also is) and 무결성 as 결성
    hits_ko = (ko & tool.keywords_ko) | {k for k in tool.keywords_ko if len(k) > 1 and k in text}
    hits_en = en & tool.keywords_en
    score = sum(2.0 if _SHARED["ko"][k] == 1 else 1.0 for k in hits_ko)
    score += sum(2.0 if _SHARED["en"][k] == 1 else 1.0 for k in hits_en)
    return score, sorted(hits_ko | hits_en)


def extract_args(question: str, names: Mapping[str, Iterable[str]] = ()) -> dict:
    """Every argument the text states: ``hours``, ``queue`` / ``skill`` (a queue id whose id or
    name appears), ``target_percent``."""
    out: dict = {}
    for pattern in _HOURS:
        if m := pattern.search(question):
            out["hours"] = int(m.group(1))
            break
    else:
        if _DAY.search(question):
            out["hours"] = 24
    if m := _PERCENT.search(question):
        out["target_percent"] = float(m.group(1))
    low = question.lower()
    for qid, labels in dict(names).items():
        if any(label and label.lower() in low for label in (qid, *labels)):
            out["queue"] = out["skill"] = qid
            break
    return out


def route(
    question: str,
    allowed: Sequence[Tool] = TOOLS,
    queue_names: Mapping[str, Iterable[str]] = (),
) -> Route:
    """The tool a question asks for, among ``allowed`` (the caller's tools)."""
    ko = set(morphemes(question))
    en = set(_WORD.findall(question.lower()))
    scored = []
    for tool in allowed:
        score, hits = _score(tool, ko, en, question)
        if score > 0:
            scored.append((score, tool, hits))
    if not scored:
        return Route(None, 0.0)
    scored.sort(key=lambda x: -x[0])
    total = sum(x[0] for x in scored)
    best, tool, hits = scored[0]
    damp = 0.5 + 0.5 * min(1.0, best / 4.0)
    confidence = round(best / total * damp, 2)
    runner = [x for x in scored[1:4] if x[0] >= CLOSE * best]
    alternatives = []
    if confidence < SURE or runner:
        alternatives = [Candidate(t.name, round(sc / total * damp, 2)) for sc, t, _h in scored[1:4]]
    wanted = tool.args.model_fields
    args = {k: v for k, v in extract_args(question, queue_names).items() if k in wanted}
    return Route(tool.name, confidence, args, alternatives, hits)
