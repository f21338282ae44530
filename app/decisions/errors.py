"""The failure of a workflow step: a seed 002 error code (E001-E008) with Korean and English
text and, for a bad request, the field it concerns."""

from __future__ import annotations

from app.domain.decisions import DECISION_ERRORS, DecisionError


class WorkflowError(Exception):
    def __init__(self, code: DecisionError, ko: str, en: str, *, field: str = "") -> None:
        self.code = DecisionError(code)
        self.ko, self.en, self.field = ko, en, field
        super().__init__(f"{self.code} {en}")

    @property
    def hint_ko(self) -> str:
        return DECISION_ERRORS[self.code].remedy_ko

    @property
    def hint_en(self) -> str:
        return DECISION_ERRORS[self.code].remedy_en

    def as_dict(self) -> dict:
        return {"code": self.code.value, "ko": self.ko, "en": self.en,
                "hint_ko": self.hint_ko, "hint_en": self.hint_en}  # fmt: skip
