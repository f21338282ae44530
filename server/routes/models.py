"""Request bodies of shared/API.md not yet on the command layer (the task and case intents'
bodies are their app.commands input models): unknown fields are refused (422 with the field
named). Types only — the field rules (limit > 0, 0 < rate < 30, deadline 1-30 days, …)
are app.rules' and are applied by the routes, so the client and the server say the same thing."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.commands.fields import MONEY_MAX, Day, Money, OptCodes, OptText, ShortText, UserId
from app.domain.enums import (
    ApprovalLevel,
    CustomerTier,
    Priority,
)

Text = Field(default="", max_length=10_000)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class CustomerIn(Strict):
    customer_id: UserId
    name: ShortText
    tier: CustomerTier = CustomerTier.GENERAL
    account_id: str = Field(default="", max_length=64)
    phone: str = Field(default="", max_length=32)
    resident_id: str = Field(default="", max_length=32)
    vip: bool = False
    years_with_bank: int = Field(default=0, ge=0, le=150)
    delinquencies: int = Field(default=0, ge=0, le=1_000)


class ApplicationIn(Strict):
    amount: Money | Literal[0] = Field(description="KRW; 0 for an inquiry without an amount")
    purpose: OptText = ""
    term_months: int = Field(default=0, ge=0, le=600)
    product: str = Field(default="credit_loan", max_length=64)
    credit_score: int | None = Field(default=None, ge=0, le=1000)
    annual_income: int | None = Field(default=None, ge=0, le=MONEY_MAX)
    dti_percent: float | None = Field(default=None, ge=0, le=1000, allow_inf_nan=False)
    employment: ShortText = ""
    self_employed: bool = False
    collateral: ShortText = ""
    collateral_value: int | None = Field(default=None, ge=0, le=MONEY_MAX)
    inquiry_only: bool = False


class DecisionContextIn(Strict):
    automatic_decision: str = Field(default="refer", max_length=32)
    score: float | None = Field(default=None, allow_inf_nan=False, ge=-1e6, le=1e6)
    reason_codes: OptCodes = []
    model_version: ShortText = ""
    policy_version: ShortText = ""
    fraud_suspected: bool = False
    system_error: bool = False
    policy_exception: bool = False
    missing_info: bool = False
    legal_deadline: Day | None = None


class CaseCreate(Strict):
    decision_id: UserId
    priority: Priority | None = None
    queue_id: UserId
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


class DecisionContext(Strict):
    org_unit_id: str | None = Field(default=None, min_length=1, max_length=128)
    horizon_weeks: int | None = Field(default=None, ge=1, le=52)
    opportunity_id: str | None = Field(default=None, min_length=1, max_length=128)


class DecisionAskBody(Strict):
    """``POST /decisions`` (seed 002 decision question)."""

    query: str = Field(min_length=1, max_length=1_000)
    context: DecisionContext = DecisionContext()
