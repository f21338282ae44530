"""The rules' invalid_choice messages name the allowed values by their words (app/text/labels.py)
in Korean and English, never by their wire tokens (APPROVED, TEAM_LEAD, skip_review, …)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.domain.enums import ApprovalLevel, ApprovalStatus, CheckpointMode
from app.domain.generated import GeneratedContent, GeneratedKind
from app.rules.approvals import RESPONSE_STATUSES, validate_response
from app.rules.checkpoint_choice import CHOICES_OF, choice_error
from app.rules.errors import FieldError
from app.rules.generated import DECISIONS, validate_decision
from app.text.labels import label, label_of


def _no_tokens(err: FieldError, tokens: list[str], words: dict[str, list[str]]) -> None:
    assert err.code == "invalid_choice"
    for lang in ("ko", "en"):
        text = err.text(lang)
        for word in words[lang]:
            assert word in text, (lang, word, text)
        for token in tokens:
            assert not re.search(rf"\b{re.escape(token)}\b", text), (lang, token, text)


def test_an_approval_response_names_decisions_and_levels_by_their_words() -> None:
    payload = {"status": "PENDING", "approval_level": "CEO"}
    errors = validate_response(payload, ApprovalLevel.EXECUTIVE)
    statuses = {lang: [label(s, lang) for s in RESPONSE_STATUSES] for lang in ("ko", "en")}
    _no_tokens(errors["status"], [s.value for s in ApprovalStatus], statuses)
    levels = {lang: [label(v, lang) for v in ApprovalLevel] for lang in ("ko", "en")}
    _no_tokens(errors["approval_level"], [v.value for v in ApprovalLevel], levels)
    assert "팀장급, 부서장급, 본부장급, 임원급" in errors["approval_level"].ko


def test_a_checkpoint_choice_of_the_other_form_names_this_forms_choices() -> None:
    for mode, allowed in CHOICES_OF.items():
        err = choice_error("not-a-choice", mode)
        words = {lang: [label(c, lang) for c in allowed] + [label(mode, lang)]
                 for lang in ("ko", "en")}  # fmt: skip
        _no_tokens(err, [c.value for c in allowed] + [mode.value], words)
    assert choice_error("skip_review", CheckpointMode.EVENT).ko.startswith("이벤트 체크포인트의")


def test_a_generated_content_decision_names_the_three_decisions() -> None:
    content = GeneratedContent("GEN-1", GeneratedKind.NARRATIVE_REPORT, "보고서", "본문",
                               generated_at=datetime(2026, 12, 1, tzinfo=UTC))  # fmt: skip
    err = validate_decision(content, "publish", "note")["decision"]
    words = {lang: [label_of("generated_decision", d, lang) for d in DECISIONS]
             for lang in ("ko", "en")}  # fmt: skip
    _no_tokens(err, list(DECISIONS), words)
    assert "승인, 거절, 수정 요청" in err.ko
