"""What each section of a case shows (the case page, an appeal's original decision), as (label,
value) rows — plain functions of a Case, so the pages stay layouts and these stay easy to test."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.cases import Case, Task
from app.domain.people import Appeal
from app.rules.messages import action_label
from app.rules.pii import mask_identifier
from app.rules.reason_codes import codes_text
from app.text.formats import form_date, money_exact
from app.text.labels import label, label_of, person_name
from widgets.formatting import format_krw, language, local_time

translate = QCoreApplication.translate
Rows = list[tuple[str, str]]


def _yes(value: bool) -> str:
    return translate("CaseSections", "Yes") if value else translate("CaseSections", "No")


def _krw(amount: int | None, korean: bool) -> str:
    if amount is None:
        return ""
    lang = "ko" if korean else "en"
    exact = money_exact(amount, lang)
    short = format_krw(amount, korean_units=korean)
    return exact if short == exact else f"{short} ({exact})"


def amount_text(amount: int | None, korean: bool) -> str:
    """An amount as the case page shows it: "1억 2,000만원 (120,000,000원)" / "₩120,000,000"."""
    return _krw(amount, korean)


def status_text(value: str) -> str:
    """The case status in the same words as the inbox (``app.text.labels``)."""
    return label_of("CaseStatus", value, language())


def decision_rows(case: Case) -> Rows:
    ctx = case.decision_context
    flags = [
        name
        for name, on in (
            (translate("CaseSections", "fraud suspected"), ctx.fraud_suspected),
            (translate("CaseSections", "system error"), ctx.system_error),
            (translate("CaseSections", "policy exception"), ctx.policy_exception),
            (translate("CaseSections", "missing information"), ctx.missing_info),
        )
        if on
    ]
    return [
        (
            translate("CaseSections", "Automatic decision"),
            label_of("automatic_decision", ctx.automatic_decision, language()),
        ),
        (translate("CaseSections", "Score"), "" if ctx.score is None else f"{ctx.score:.2f}"),
        (translate("CaseSections", "Reason codes"), codes_text(ctx.reason_codes, language())),
        (translate("CaseSections", "Model version"), ctx.model_version),
        (translate("CaseSections", "Policy version"), ctx.policy_version),
        (translate("CaseSections", "Flags"), ", ".join(flags)),
        (
            translate("CaseSections", "Legal deadline"),
            form_date(ctx.legal_deadline, language()) if ctx.legal_deadline else "",
        ),
    ]


def application_rows(case: Case, korean: bool) -> Rows:
    a = case.application
    return [
        (translate("CaseSections", "Amount"), _krw(a.amount, korean)),
        (translate("CaseSections", "Product"), label_of("product", a.product, language())),
        (translate("CaseSections", "Purpose"), a.purpose),
        (
            translate("CaseSections", "Term"),
            translate("CaseSections", "{n} months").format(n=a.term_months)
            if a.term_months
            else "",
        ),
        (translate("CaseSections", "Collateral"), a.collateral),
        (translate("CaseSections", "Collateral value"), _krw(a.collateral_value, korean)),
        (translate("CaseSections", "Inquiry only"), _yes(a.inquiry_only)),
    ]


def credit_rows(case: Case, korean: bool) -> Rows:
    a, c = case.application, case.customer
    return [
        (
            translate("CaseSections", "Credit score"),
            "" if a.credit_score is None else str(a.credit_score),
        ),
        (translate("CaseSections", "Annual income"), _krw(a.annual_income, korean)),
        (translate("CaseSections", "DTI"), "" if a.dti_percent is None else f"{a.dti_percent:g}%"),
        (translate("CaseSections", "Employment"), a.employment),
        (translate("CaseSections", "Self-employed"), _yes(a.self_employed)),
        (translate("CaseSections", "Delinquencies"), str(c.delinquencies)),
        (translate("CaseSections", "Years with the bank"), str(c.years_with_bank)),
    ]


def customer_rows(case: Case) -> Rows:
    """Identifiers always masked (the server sends them masked; masking again is a no-op). The
    customer id is an opaque reference and shows as it is. A full value is only ever shown by
    the unmask panel, for 60 s."""
    c = case.customer
    ident = mask_identifier

    return [
        (translate("CaseSections", "Name"), c.name),
        (translate("CaseSections", "Customer ID"), c.customer_id),
        (translate("CaseSections", "Account"), ident(c.account_id)),
        (translate("CaseSections", "Phone"), ident(c.phone)),
        (translate("CaseSections", "Resident ID"), ident(c.resident_id)),
        (
            translate("CaseSections", "Tier"),
            label(c.tier, language()) + (" · VIP" if c.vip else ""),
        ),
    ]


def outcome_rows(case: Case, names: dict[str, str], lang: str) -> Rows:
    terms = case.approved_terms
    return [
        (translate("CaseSections", "Status"), status_text(case.status.value)),
        (
            translate("CaseSections", "Final decision"),
            action_label(case.final_decision.value, lang) if case.final_decision else "",
        ),
        (
            translate("CaseSections", "Decided by"),
            person_name(case.decided_by, names, lang) if case.decided_by else "",
        ),
        (translate("CaseSections", "Decided at"), local_time(case.decided_at)),
        (
            translate("CaseSections", "Approved terms"),
            (
                f"{format_krw(terms.limit, korean_units=lang == 'ko')} · "
                + (f"{terms.rate:g}% · " if terms.rate is not None else "")
                + ", ".join(terms.conditions)
            )
            if terms
            else "",
        ),
        (translate("CaseSections", "Reason codes"), codes_text(case.reason_codes, lang)),
        (translate("CaseSections", "Note"), case.note),
        (translate("CaseSections", "Resolution"), case.resolution),
    ]


def document_rows(case: Case) -> Rows:
    rows: Rows = []
    for doc in case.documents:
        if doc.received_at:
            state = translate("CaseSections", "received {at}").format(
                at=local_time(doc.received_at)
            )
        else:
            state = translate("CaseSections", "requested {at}").format(
                at=local_time(doc.requested_at)
            )
        rows.append((doc.name, state))
    if case.docs_deadline:
        rows.append(
            (translate("CaseSections", "Deadline"), form_date(case.docs_deadline, language()))
        )
    return rows or [
        (translate("CaseSections", "Documents"), translate("CaseSections", "none requested"))
    ]


def task_rows(tasks: list[Task], names: dict[str, str]) -> Rows:
    rows = []
    for t in tasks:
        lang = language()
        who = (
            person_name(t.assignee_id, names, lang)
            if t.assignee_id
            else translate("CaseSections", "unassigned")
        )
        due = local_time(t.due_at)
        what = f"{label(t.type, lang)} · {label(t.status, lang)}"
        rows.append((t.id, f"{what} · {who}" + (f" · {due}" if due else "")))
    return rows or [(translate("CaseSections", "Tasks"), translate("CaseSections", "none"))]


def appeal_rows(appeals: list[Appeal]) -> Rows:
    rows = []
    for a in appeals:
        result = label(a.resolution or a.status, language())
        rows.append((a.id, f"{result} · {a.reason}"))
    return rows or [(translate("CaseSections", "Appeals"), translate("CaseSections", "none"))]
