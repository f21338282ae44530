"""Request bodies of shared/API.md not yet on the command layer (the task and case intents'
bodies are their app.commands input models): unknown fields are refused (422 with the field
named). Types only — the field rules (limit > 0, 0 < rate < 30, deadline 1-30 days, …)
are app.rules' and are applied by the routes, so the client and the server say the same thing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.enums import (
    ApprovalLevel,
    CustomerTier,
    Priority,
)

Text = Field(default="", max_length=10_000)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CustomerIn(Strict):
    customer_id: str = Field(min_length=1, max_length=128)
    name: str = Field(max_length=200)
    tier: CustomerTier = CustomerTier.GENERAL
    account_id: str = ""
    phone: str = ""
    resident_id: str = ""
    vip: bool = False
    years_with_bank: int = Field(default=0, ge=0)
    delinquencies: int = Field(default=0, ge=0)


class ApplicationIn(Strict):
    amount: int = Field(ge=0)
    purpose: str = ""
    term_months: int = Field(default=0, ge=0)
    product: str = "credit_loan"
    credit_score: int | None = None
    annual_income: int | None = None
    dti_percent: float | None = None
    employment: str = ""
    self_employed: bool = False
    collateral: str = ""
    collateral_value: int | None = None
    inquiry_only: bool = False


class DecisionContextIn(Strict):
    automatic_decision: str = "refer"
    score: float | None = None
    reason_codes: list[str] = []
    model_version: str = ""
    policy_version: str = ""
    fraud_suspected: bool = False
    system_error: bool = False
    policy_exception: bool = False
    missing_info: bool = False
    legal_deadline: date | None = None


class CaseCreate(Strict):
    decision_id: str = Field(min_length=1, max_length=128)
    priority: Priority | None = None
    queue_id: str = Field(min_length=1, max_length=128)
    customer: CustomerIn
    application: ApplicationIn
    decision_context: DecisionContextIn = DecisionContextIn()


class QASampleBody(Strict):
    from_: datetime = Field(alias="from")
    to: datetime
    rate: float = 0.05
    targeted: list[str] = []


class ApprovalResponseBody(Strict):
    status: Literal["APPROVED", "REJECTED", "MODIFIED", "ESCALATED"]
    approval_level: ApprovalLevel
    selected_option_id: str | None = Field(default=None, max_length=128)
    rationale: str = Text
    conditions: list[str] = []


class ApprovalEscalateBody(Strict):
    reason: str = Field(min_length=1, max_length=10_000)
