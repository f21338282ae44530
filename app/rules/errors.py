"""Errors the rules raise, each with a stable ``code`` (the problem+json code of shared/API.md)
and bilingual messages, so the server, the services, dosctl and the UI all say the same thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.text.labels import label_of


@dataclass(frozen=True, slots=True)
class FieldError:
    """A message for one form field, in Korean and English."""

    code: str
    ko: str
    en: str

    def text(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether something is allowed and, if not, why (shown as a tooltip / problem detail)."""

    allowed: bool
    code: str = ""
    ko: str = ""
    en: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def text(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko


ALLOWED = Verdict(True)


class RuleError(Exception):
    """Base of rule failures; ``code`` is the problem+json code, ``status`` the HTTP status."""

    code = "rule_error"
    status = 422

    def __init__(self, ko: str, en: str, *, code: str | None = None) -> None:
        super().__init__(en)
        self.ko = ko
        self.en = en
        if code:
            self.code = code

    def text(self, lang: str = "ko") -> str:
        return self.en if lang == "en" else self.ko


class InvalidTransition(RuleError):
    code = "invalid_transition"
    status = 422

    def __init__(self, from_state: str, to_state: str, *, via: str = "") -> None:
        how_en = f" by '{label_of('Action', via, 'en')}'" if via else ""
        how_ko = f" ({label_of('Action', via)})" if via else ""
        was, to = label_of("CaseStatus", from_state), label_of("CaseStatus", to_state)
        was_en = label_of("CaseStatus", from_state, "en")
        to_en = label_of("CaseStatus", to_state, "en")
        super().__init__(
            f"'{was}' 상태에서 '{to}' 상태로 바꿀 수 없습니다{how_ko}.",
            f"cannot move a case from '{was_en}' to '{to_en}'{how_en}",
        )
        self.from_state = from_state
        self.to_state = to_state


class Forbidden(RuleError):
    code = "forbidden"
    status = 403

    @classmethod
    def from_verdict(cls, verdict: Verdict) -> Forbidden:
        return cls(verdict.ko, verdict.en, code=verdict.code or "forbidden")


@dataclass(slots=True)
class ValidationFailed(RuleError):
    """Field errors of a form / payload; nothing was written."""

    errors: Mapping[str, FieldError] = field(default_factory=dict)

    def __post_init__(self) -> None:
        fields = ", ".join(self.errors)
        RuleError.__init__(self, f"입력값을 확인하세요: {fields}", f"check the input: {fields}")
        self.code = "validation"
        self.status = 422

    def messages(self, lang: str = "ko") -> dict[str, str]:
        return {name: err.text(lang) for name, err in self.errors.items()}
