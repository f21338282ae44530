"""Korean that follows shared/GLOSSARY.md: no banned variant in ko.ts or in the Korean the
server, the rules and dosctl write, and no translation left in English."""

from __future__ import annotations

import io
import re
import tokenize
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "i18n" / "ko.ts"

# One term per concept: the variant on the left of each comment is banned, the glossary's word
# is on the right.
BANNED_WORDS = [
    "받은편지함",  # 업무함
    "보내는 사람",  # 기존 담당자 (reassigning is not e-mail)
    "받는 사람",  # 새 담당자
    "감독자",  # 슈퍼바이저
    "대기열",  # 큐
    "상위 이관",  # 에스컬레이션
    "거부된 조치",  # 반영 실패
    "로컬",  # 오프라인 검색 / 이 컴퓨터
    "이의신청",  # 이의 제기
    "워크플로우",  # 워크플로
    "재배정",  # 재할당 (calls: 배정)
    "저장된 보기",  # 저장한 필터
    "달력 기준",
    "사용자 평가",
    "추가 맥락",
    "유형 {type}",  # "유형 처리 용량" reads oddly: "{type} 분석"
]
JOSA_WORKAROUNDS = [
    "(으)",
    "이(가)",
    "을(를)",
    "은(는)",
    "와(과)",
    "과(와)",
    "(이)",
    "를(을)",
    "가(이)",
]
ALONE_ADMIN = re.compile(r"(?<!운영 )관리자")  # 관리자 alone: 운영 관리자 or 슈퍼바이저
SEMICOLON = re.compile(r"[가-힣)]; ")  # an English-style semicolon between Korean clauses
# What may stay Latin inside a translation: acronyms, keys, a) b) choices, p95.
LATIN_OK = re.compile(r"(?:[A-Z0-9][A-Z0-9-]*|Ctrl|Shift|Enter|Esc|End|[a-d]|p\d+)\)?")


def problems(text: str) -> list[str]:
    found = [w for w in BANNED_WORDS + JOSA_WORKAROUNDS if w in text]
    if ALONE_ADMIN.search(text):
        found.append("관리자 alone")
    return found


def translations() -> list[tuple[str, str, str]]:
    out = []
    for ctx in ET.parse(TS).getroot().iter("context"):
        for msg in ctx.iter("message"):
            out.append((ctx.findtext("name"), msg.findtext("source"), msg.findtext("translation")))
    return out


def english_left(source: str, translation: str) -> list[str]:
    """Latin words of a translation that are not acronyms, keys or placeholders."""
    text = re.sub(r"\{[^}]*\}|%\d|<[^>]+>", " ", translation or "")
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9-]*\)?", text) if not LATIN_OK.fullmatch(w)]


def test_the_checks_catch_what_they_are_for():
    assert problems("케이스 받은편지함") == ["받은편지함"]
    assert problems("{page}(으)로 이동") == ["(으)"]
    assert problems("감독자 또는 운영 관리자") == ["감독자"]
    assert problems("관리자에게 알렸습니다") == ["관리자 alone"]
    assert problems("운영 관리자만") == []
    assert SEMICOLON.search("재시도했습니다; 동기화 대기 중.")
    assert english_left("Approve (APPROVED)", "승인 (APPROVED)") == []
    assert english_left("Signal: {type} in {nodes}", "신호: {type} in {nodes}") == ["in"]
    assert english_left("a) Skip", "a) 건너뛰기 (Ctrl+Enter), p95") == []


def test_ko_ts_uses_the_glossary_words():
    bad = [
        (ctx, src, tr, problems(tr or ""))
        for ctx, src, tr in translations()
        if problems(tr or "") or SEMICOLON.search(tr or "")
    ]
    assert bad == []


def test_no_translation_is_left_in_english():
    left = []
    for ctx, src, tr in translations():
        words = english_left(src, tr)
        if words or (tr == src and re.search(r"[a-z]{2}", re.sub(r"\{[^}]*\}", "", src))):
            left.append((ctx, src, tr, words))
    assert left == []


def test_no_raw_enum_in_translations():
    raw = re.compile(r"\b(?:APPROVED|REJECTED|MODIFIED|ESCALATED|CRITICAL|TEAM_LEAD|ALERT)\b")
    assert [(c, t) for c, _, t in translations() if raw.search(t or "")] == []


def _korean_literals(path: Path):
    """String literals with Hangul in a module, docstrings left out (they quote the seeds)."""
    previous = None
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        kind = tok.type
        if kind in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            docstring = tok.string.startswith(('"""', "'''")) and previous in (
                tokenize.INDENT,
                tokenize.NEWLINE,
                tokenize.NL,
                None,
            )
            if not docstring and re.search("[가-힣]", tok.string):
                yield tok.start[0], tok.string
        if kind not in (tokenize.COMMENT,):
            previous = kind


def test_server_rules_and_dosctl_korean_use_the_glossary_words():
    bad = []
    for folder in ("app", "server", "sync"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, text in _korean_literals(path):
                if problems(text):
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {problems(text)} {text[:60]}")
    assert bad == []
