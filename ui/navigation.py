"""The pages of the workstation, which roles may see each, and how each is built.

A page is shown when ``app.rules.access.can`` allows any one of its actions for the user's
roles — the client only mirrors the server's checks to keep the shell uncluttered. Pages that
later passes build (case, call, appeals, …) show a placeholder until then, so the navigation
already reflects the user's roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.enums import Action, Role
from app.rules.access import can

A = Action


@dataclass(frozen=True, slots=True)
class PageSpec:
    name: str  # the --page value
    title_source: str  # English source text, translated by title()
    actions: tuple[Action, ...]  # any one of them allows the page
    in_rail: bool = True

    def title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title_source)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "inbox", QT_TRANSLATE_NOOP("Navigation", "Inbox"), (A.NEXT_TASK, A.VIEW_AUDIT, A.QA_SAMPLE)
    ),
    PageSpec("case", QT_TRANSLATE_NOOP("Navigation", "Case"), (A.VIEW,), in_rail=False),
    PageSpec("call", QT_TRANSLATE_NOOP("Navigation", "Live call"), (A.AFTER_CALL_WORK, A.VIEW_OPS)),
    PageSpec(
        "appeals", QT_TRANSLATE_NOOP("Navigation", "Appeals"), (A.RESOLVE_APPEAL, A.VIEW_AUDIT)
    ),
    PageSpec(
        "decision",
        QT_TRANSLATE_NOOP("Navigation", "Decisions"),
        (A.APPROVAL_RESPONSE, A.APPROVAL_ESCALATE),
    ),
    PageSpec(
        "approvals",
        QT_TRANSLATE_NOOP("Navigation", "Approvals"),
        (A.APPROVAL_RESPONSE, A.APPROVAL_ESCALATE),
        in_rail=False,  # reached from the decision page; the rail keeps its tested set
    ),
    PageSpec(
        "checkpoint",
        QT_TRANSLATE_NOOP("Navigation", "Checkpoints"),
        (A.CHECKPOINT_FEEDBACK, A.VIEW_AUDIT),
    ),
    PageSpec("qa", QT_TRANSLATE_NOOP("Navigation", "QA"), (A.QA_REVIEW, A.QA_SAMPLE)),
    PageSpec("wall", QT_TRANSLATE_NOOP("Navigation", "Queue wall"), (A.VIEW_OPS,)),
    PageSpec("ops", QT_TRANSLATE_NOOP("Navigation", "Operations"), (A.VIEW_OPS,)),
    # seed 003 ChatOps: ops_admin and supervisor; reviewers get the tools their role allows
    PageSpec("chatops", QT_TRANSLATE_NOOP("Navigation", "ChatOps"), (A.VIEW_OPS, A.NEXT_TASK)),
    PageSpec(
        "sync-problems", QT_TRANSLATE_NOOP("Navigation", "Sync problems"), (A.VIEW,), in_rail=False
    ),
)
PAGE_NAMES = tuple(p.name for p in PAGES)


def spec(name: str) -> PageSpec:
    for page in PAGES:
        if page.name == name:
            return page
    raise KeyError(name)


def allowed(roles: Iterable[Role | str], page: PageSpec) -> bool:
    role_list = [Role(r) for r in roles]
    return any(can(role_list, action).allowed for action in page.actions)


def allowed_pages(roles: Iterable[Role | str], *, rail_only: bool = False) -> list[PageSpec]:
    role_list = [Role(r) for r in roles]
    return [p for p in PAGES if allowed(role_list, p) and (p.in_rail or not rail_only)]


def default_page(roles: Iterable[Role | str]) -> str:
    rail = allowed_pages(roles, rail_only=True)
    return rail[0].name if rail else "sync-problems"
