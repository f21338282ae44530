"""The table of the workstation's pages: one row per page, read by ``ui.navigation`` (which pages
a user may see, the rail, the Go-to shortcuts) and ``ui.pages`` (how a page is built).

Each page folder ``ui/<folder>/`` exposes one builder, ``build.build_page(context, parent)``,
which returns the page widget wired to the window's context. The table names the builder's
module, imported when the page is first shown, not when the window starts: the window's cold
start pays only for the page it opens on, and no module here imports a page.

Adding a page: a folder with ``build.py``, a row here, and its folder in the import-linter
contract "pages are independent" of pyproject.toml (``tests/unit/test_layering.py`` checks it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.enums import Action

A = Action


@dataclass(frozen=True, slots=True)
class PageSpec:
    name: str  # the --page value and the window's page id
    title_source: str  # English source text, translated by title()
    builder: str  # the module whose build_page(context, parent) builds the page
    actions: tuple[Action, ...]  # roles: a role allowed any one of them sees the page
    in_rail: bool = True  # listed in the navigation rail
    shortcut: bool = True  # has a "Go to" command, Ctrl+1… in table order of the user's pages

    def title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title_source)


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "inbox",
        QT_TRANSLATE_NOOP("Navigation", "Inbox"),
        "ui.inbox.build",
        (A.NEXT_TASK, A.VIEW_AUDIT, A.QA_SAMPLE),
    ),
    PageSpec(
        "case",
        QT_TRANSLATE_NOOP("Navigation", "Case"),
        "ui.case.build",
        (A.VIEW,),
        in_rail=False,
        shortcut=False,  # opened on a case, from the inbox or a link
    ),
    PageSpec(
        "call",
        QT_TRANSLATE_NOOP("Navigation", "Live call"),
        "ui.call.build",
        (A.AFTER_CALL_WORK, A.VIEW_OPS),
    ),
    PageSpec(
        "appeals",
        QT_TRANSLATE_NOOP("Navigation", "Appeals"),
        "ui.appeals.build",
        (A.RESOLVE_APPEAL, A.VIEW_AUDIT),
    ),
    PageSpec(
        "decision",
        QT_TRANSLATE_NOOP("Navigation", "Decisions"),
        "ui.decision.build",
        (A.APPROVAL_RESPONSE, A.APPROVAL_ESCALATE),
    ),
    PageSpec(
        "approvals",
        QT_TRANSLATE_NOOP("Navigation", "Approvals"),
        "ui.approvals.build",
        (A.APPROVAL_RESPONSE, A.APPROVAL_ESCALATE),
        in_rail=False,  # reached from the decision page; the rail keeps its tested set
        shortcut=False,
    ),
    PageSpec(
        "checkpoint",
        QT_TRANSLATE_NOOP("Navigation", "Checkpoints"),
        "ui.checkpoint.build",
        (A.CHECKPOINT_FEEDBACK, A.VIEW_AUDIT),
    ),
    PageSpec(
        "qa",
        QT_TRANSLATE_NOOP("Navigation", "QA"),
        "ui.qa.build",
        (A.QA_REVIEW, A.QA_SAMPLE),
    ),
    PageSpec(
        "wall",
        QT_TRANSLATE_NOOP("Navigation", "Queue wall"),
        "ui.wall.build",
        (A.VIEW_OPS,),
    ),
    PageSpec(
        "ops",
        QT_TRANSLATE_NOOP("Navigation", "Operations"),
        "ui.ops.build",
        (A.VIEW_OPS,),
    ),
    PageSpec(
        "chatops",  # seed 003: ops_admin and supervisor; reviewers get the tools their role allows
        QT_TRANSLATE_NOOP("Navigation", "ChatOps"),
        "ui.chatops.build",
        (A.VIEW_OPS, A.NEXT_TASK),
    ),
    PageSpec(
        "sync-problems",
        QT_TRANSLATE_NOOP("Navigation", "Sync problems"),
        "ui.sync_problems.build",
        (A.VIEW,),
        in_rail=False,  # reached from the status bar; it keeps its Go-to shortcut
    ),
)
