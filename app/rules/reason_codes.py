"""The reason-code catalogue (seed 000: "Reason Codes (승인 근거)", "Reason Codes (거부 사유 코드)",
e.g. ``CREDIT-DENY-SCORE-001``): the codes a reviewer picks from, with their ko / en words.
The demo's older deny codes (``DTI_EXCEEDED`` …) are in it so recorded decisions read as words.
Pure data and look-ups: no I/O."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReasonCode:
    code: str
    ko: str
    en: str

    def label(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


APPROVE_CODES: tuple[ReasonCode, ...] = (
    ReasonCode(
        "CREDIT-APPR-INCOME-001",
        "소득 확인 · 상환 능력 충분",
        "Income verified, repayment capacity",
    ),
    ReasonCode("CREDIT-APPR-SCORE-001", "신용점수 기준 충족", "Credit score meets the policy"),
    ReasonCode("CREDIT-APPR-DTI-001", "DTI 기준 이내", "DTI within the policy"),
    ReasonCode(
        "CREDIT-APPR-COLLATERAL-001", "담보 · 보증 충분", "Collateral or guarantee sufficient"
    ),
    ReasonCode("CREDIT-APPR-HISTORY-001", "거래 실적 우수", "Good relationship history"),
    ReasonCode("CREDIT-APPR-EXCEPTION-001", "정책 예외 승인", "Policy exception approved"),
)

DENY_CODES: tuple[ReasonCode, ...] = (
    ReasonCode("CREDIT-DENY-SCORE-001", "신용점수 기준 미달", "Credit score below the policy"),
    ReasonCode("CREDIT-DENY-DTI-001", "DTI 기준 초과", "DTI above the policy"),
    ReasonCode("CREDIT-DENY-INCOME-001", "소득 확인 불가", "Income not verifiable"),
    ReasonCode("CREDIT-DENY-DELINQ-001", "연체 이력", "Delinquency history"),
    ReasonCode("CREDIT-DENY-DOCS-001", "필수 서류 미제출", "Required documents missing"),
    ReasonCode("CREDIT-DENY-FRAUD-001", "사기 의심", "Suspected fraud"),
    ReasonCode("DTI_EXCEEDED", "DTI 기준 초과", "DTI above the policy"),
    ReasonCode("CREDIT_SCORE_LOW", "신용점수 기준 미달", "Credit score below the policy"),
    ReasonCode("INCOME_UNVERIFIED", "소득 확인 불가", "Income not verifiable"),
    ReasonCode("DELINQUENCY_HISTORY", "연체 이력", "Delinquency history"),
)

# The automatic decision's reasons for sending a case to a person (the case's decision context):
# never picked by a user, shown in words beside the code.
AUTO_CODES: tuple[ReasonCode, ...] = (
    ReasonCode("HIGH_AMOUNT", "고액 신청", "High amount"),
    ReasonCode("BORDERLINE_SCORE", "경계 점수", "Borderline score"),
    ReasonCode("VIP_CUSTOMER", "VIP 고객", "VIP customer"),
    ReasonCode("SELF_EMPLOYED_INCOME", "자영업 소득 확인 필요", "Self-employed income to verify"),
    ReasonCode("DOCS_MISSING", "서류 미비", "Documents missing"),
    ReasonCode("POLICY_EXCEPTION", "정책 예외", "Policy exception"),
    ReasonCode("DTI_LIMIT", "DTI 한도 근접", "DTI near the limit"),
    ReasonCode("FRAUD_CHECK", "이상 거래 확인", "Unusual activity to check"),
)

_BY_ACTION: dict[str, tuple[ReasonCode, ...]] = {
    "approve": APPROVE_CODES,
    "deny": DENY_CODES,
    "appeal_resolve": DENY_CODES,  # an upheld denial keeps denial reasons
}
# An overturn / partial resolution approves the case, so its (optional) codes are approval codes.
_APPROVING_RESOLUTIONS = frozenset({"overturn", "partial"})


def codes_for(action: str, resolution: str | None = None) -> tuple[ReasonCode, ...]:
    """The codes a user may pick for ``action`` (wire name); () when it takes none. For
    ``appeal_resolve``, ``resolution`` (uphold | overturn | partial) picks the catalogue."""
    if action == "appeal_resolve" and resolution in _APPROVING_RESOLUTIONS:
        return APPROVE_CODES
    return _BY_ACTION.get(action, ())


def unknown_codes(action: str, codes: list[str], resolution: str | None = None) -> list[str]:
    """Those of ``codes`` not in the catalogue of ``action`` (in order). The one rule the server,
    the workstation's forms and dosctl all apply (app.commands.fields.known_codes)."""
    known = {c.code for c in codes_for(action, resolution)}
    return [c for c in codes if c not in known]


def code_label(code: str, lang: str = "ko") -> str:
    """The words of ``code`` in ``lang`` (the code itself when unknown)."""
    for entry in (*APPROVE_CODES, *DENY_CODES, *AUTO_CODES):
        if entry.code == code:
            return entry.label(lang)
    return code


def codes_text(codes: list[str], lang: str = "ko") -> str:
    """Codes as a person reads them: "서류 미비 (DOCS_MISSING), …" — the words, and the code a
    regulator or a policy cites; a code outside the catalogue as itself."""
    return ", ".join(
        c if code_label(c, lang) == c else f"{code_label(c, lang)} ({c})" for c in codes
    )
