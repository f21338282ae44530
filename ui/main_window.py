"""The main window: a thin shell of navigation, pages, banner, status bar and commands.

Pages are built on first visit by ``ui.pages.build_page``; the rail lists only the pages the
user's roles allow (``ui.navigation``). Everything page-specific lives in the page.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from app.rules.pii import mask_name, sees_full_names
from app.store.case_search import find_cases
from app.text.josa import fill
from app.text.labels import user_with_roles
from ui.accessibility import announce_transcript, set_announce_transcript
from ui.alert_words import alert_message
from ui.context import AppContext
from ui.decision.commands import register_decision_commands
from ui.inbox.page import InboxPage
from ui.look import RESOURCES
from ui.navigation import allowed, allowed_pages, default_page, shortcut_pages, spec
from ui.pages import build_page
from ui.status_bar import ShellStatusBar
from widgets import a11y
from widgets.banner import NotificationBanner
from widgets.command_palette import CaseHit, CommandPalette

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class NavigationRail(QListWidget):
    """The page list. It never takes letter keys: no type-ahead jump to the first page starting
    with the letter (page content owns letter keys; navigation is Ctrl+digits or a click)."""

    def keyboardSearch(self, search: str) -> None:
        return


class MainWindow(QMainWindow):
    """The shell. ``show_page(name)`` is the one way to change what is shown."""

    sig_page_changed = Signal(str)
    """Emitted with the page name after a page became the current one."""

    sig_notification_shown = Signal(str, str)
    """Emitted with (severity, text) for every notification raised (banner and tray)."""

    sig_sign_out_requested = Signal()
    """Emitted when the user chooses "Sign out" (the runtime revokes the token and quits)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._pages: dict[str, QWidget] = {}
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Reviewer Workstation"))
        self.setMinimumSize(QSize(1024, 640))
        self.rail = NavigationRail(self)
        self.rail.setObjectName("navRail")
        self.rail.setAccessibleName(self.tr("Pages"))
        self.rail.setFixedWidth(max(160, self.fontMetrics().averageCharWidth() * 20))
        self.rail.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.stack = QStackedWidget(self)
        self.banner = NotificationBanner(self)
        self.status = ShellStatusBar(self)
        self.setStatusBar(self.status)
        self.palette_popup = CommandPalette(self)
        self.tray = self._make_tray()
        self._build()
        self._make_actions()
        self._wire()

    # -- construction ---------------------------------------------------------------------------
    def _build(self) -> None:
        for page in allowed_pages(self.context.user.roles, rail_only=True):
            item = QListWidgetItem(page.title(), self.rail)
            item.setData(PAGE_ROLE, page.name)
            # QSS ::item padding is not part of the item's size hint: give rows their height.
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 22))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title())
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.rail)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        user = self.context.user
        self.status.set_user(user_with_roles(user.display_name, user.roles, self.context.lang))

    def _make_tray(self) -> QSystemTrayIcon | None:
        icon = QIcon(str(RESOURCES / "icons" / "app.svg"))
        self.setWindowIcon(icon)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("Reviewer Workstation"))
        tray.show()
        return tray

    def _action(self, name: str, text: str, keys: str | QKeySequence, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.palette_action = self._action(
            "command_palette", self.tr("Command palette"), "Ctrl+K", self._on_palette_requested
        )
        self._action("next_case", self.tr("Next case"), "J", lambda: self._on_move(1))
        self._action("previous_case", self.tr("Previous case"), "K", lambda: self._on_move(-1))
        self._action("next_task", self.tr("Next task"), "N", self._on_next_task)
        self._action("sync_now", self.tr("Sync now"), "F5", self.context.bridge.request_sync)
        self._action("next_pane", self.tr("Next pane"), "Ctrl+Tab", lambda: self.move_pane(True))
        back = self.tr("Back one pane")
        self._action("previous_pane", back, "Ctrl+Shift+Tab", lambda: self.move_pane(False))
        read = self._action(
            "announce_transcript",
            self.tr("Read new transcript lines aloud"),
            "",
            lambda on: set_announce_transcript(bool(on)),
        )
        read.setCheckable(True)
        read.setChecked(announce_transcript())
        self._action("sign_out", self.tr("Sign out"), "", self.sig_sign_out_requested.emit)
        self._action("time_zone", self.tr("Time zone…"), "", self._on_time_zone_requested)
        register_decision_commands(self)  # "Ask a decision question" (ui/decision/commands)
        for number, page in enumerate(shortcut_pages(self.context.user.roles), start=1):
            keys = f"Ctrl+{number}" if number <= 9 else ""
            self._action(
                f"go_{page.name}",
                fill(self.tr("Go to {page}"), page=page.title()),
                keys,
                lambda _=False, n=page.name: self.show_page(n),
            )

    def _on_time_zone_requested(self) -> None:
        from ui.time_zone import workstation_settings
        from ui.time_zone_dialog import TimeZoneDialog

        dialog = TimeZoneDialog(workstation_settings(), self)
        dialog.sig_zone_changed.connect(self._on_time_zone_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.time_zone_dialog = dialog
        dialog.open()

    def _on_time_zone_changed(self, _zone: str) -> None:
        """Repaint the visible tables so their times show in the new zone."""
        for view in self.findChildren(QAbstractItemView):
            view.viewport().update()

    def _wire(self) -> None:
        bridge = self.context.bridge
        self.rail.currentItemChanged.connect(self._on_rail_changed)
        bridge.sig_connection_changed.connect(self.status.set_state)
        bridge.sig_pull_progress.connect(self.status.set_progress)
        bridge.sig_sync_finished.connect(self.status.set_last_sync)
        bridge.sig_outbox_changed.connect(self.status.set_outbox)
        bridge.sig_alert_received.connect(self._on_live_alert)
        self.status.sig_problems_requested.connect(lambda: self.show_page("sync-problems"))
        self.status.set_last_sync(bridge.last_sync_at())
        self.status.set_outbox(*bridge.outbox_counts())
        self.banner.sig_banner_activated.connect(self._on_banner_activated)
        self.palette_popup.set_case_search(self._search_cases)
        self.palette_popup.sig_case_chosen.connect(lambda case_id: self.show_page("case", case_id))
        self.palette_popup.sig_closed.connect(
            lambda: self.focus_page(self.stack.currentWidget() or self)
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # -- pages ----------------------------------------------------------------------------------
    def page_names(self) -> list[str]:
        """Names in the navigation rail, in order."""
        return [self.rail.item(i).data(PAGE_ROLE) for i in range(self.rail.count())]

    def page(self, name: str) -> QWidget | None:
        return self._pages.get(name)

    def current_page_name(self) -> str:
        for name, widget in self._pages.items():
            if widget is self.stack.currentWidget():
                return name
        return ""

    def show_page(self, name: str = "", case_id: str | None = None) -> QWidget | None:
        """Show page ``name`` (default: the first the user may see); None if not allowed."""
        name = name or default_page(self.context.user.roles)
        try:
            page_spec = spec(name)
        except KeyError:
            return None
        if not allowed(self.context.user.roles, page_spec):
            self.notify(
                self.tr("You do not have access to {page}.").format(page=page_spec.title()),
                "warning",
            )
            return None
        widget = self._pages.get(name)
        if widget is None:
            widget = build_page(name, self.context, self.stack)
            self._pages[name] = widget
            self.stack.addWidget(widget)
            if isinstance(widget, InboxPage):
                widget.sig_alert_raised.connect(self._on_page_alert)
        self.stack.setCurrentWidget(widget)
        a11y.tab_leaves_under(widget)
        for i in range(self.rail.count()):
            if self.rail.item(i).data(PAGE_ROLE) == name:
                self.rail.blockSignals(True)
                self.rail.setCurrentRow(i)
                self.rail.blockSignals(False)
        if case_id and hasattr(widget, "select_case"):
            widget.select_case(case_id)  # inbox row, or the case page itself
        elif case_id and hasattr(widget, "show_entity"):
            widget.show_entity(case_id)  # e.g. --page call --id CALL_ID
        self.focus_page(widget)
        self.sig_page_changed.emit(name)
        return widget

    @staticmethod
    def focus_page(widget: QWidget) -> None:
        """The one focus rule: the shown page's content gets the keyboard (its ``focus_target()``
        when it names one, else the page itself), so its letter keys work at once."""
        target = getattr(widget, "focus_target", None)
        focus = target() if callable(target) else None
        (focus or widget).setFocus(Qt.FocusReason.OtherFocusReason)

    def inbox(self) -> InboxPage | None:
        page = self._pages.get("inbox")
        return page if isinstance(page, InboxPage) else None

    # -- notifications --------------------------------------------------------------------------
    def notify(self, text: str, severity: str = "info", key: str = "") -> None:
        """In-app banner always; the system tray too for warnings when one is available."""
        self.banner.show_message(text, severity, key)
        if self.tray is not None and severity != "info":
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if severity == "critical"
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.tray.showMessage(self.tr("Reviewer Workstation"), text, icon, 8000)
        self.sig_notification_shown.emit(severity, text)

    # -- keyboard (issue 22) ---------------------------------------------------------------------
    def focus_order(self) -> list[QWidget]:
        """What Tab visits: the page's controls in visual order, the banner, the rail, the
        status bar last."""
        order: list[QWidget] = []
        page = self.stack.currentWidget()
        for part in (page, self.banner, self.rail, self.status):
            if part is not None:
                order.extend(a11y.reading_order(part))
        return order

    def focus_panes(self) -> list[QWidget]:
        """What Ctrl+Tab moves between: the page's panes, the banner, the rail, the status bar."""
        page = self.stack.currentWidget()
        parts = a11y.panes(page) if page is not None else []
        parts += [self.banner, self.rail, self.status]
        return [p for p in parts if a11y.reading_order_under(p, self)]

    def focusNextPrevChild(self, next: bool) -> bool:
        target = a11y.step_focus(self.focus_order(), QApplication.focusWidget(), next)
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def move_pane(self, forward: bool) -> None:
        panes = self.focus_panes()
        pane = a11y.step_focus(panes, QApplication.focusWidget(), forward)
        if pane is not None:
            controls = a11y.reading_order_under(pane, self)
            if controls:
                controls[0].setFocus(Qt.FocusReason.TabFocusReason)

    def focus_main_list(self) -> None:
        """Esc: back to the page's main list (its ``main_list()``, else its first table)."""
        page = self.stack.currentWidget()
        if page is None:
            return
        main = page.main_list() if hasattr(page, "main_list") else None
        if main is None:
            views = [w for w in a11y.reading_order(page) if isinstance(w, QAbstractItemView)]
            main = views[0] if views else None
        if main is not None:
            main.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.focus_main_list()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and now.window() is self:
            a11y.tab_leaves([now, now.parentWidget()] if now.parentWidget() else [now])

    # -- handlers -------------------------------------------------------------------------------
    def _on_rail_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.show_page(current.data(PAGE_ROLE))

    def _on_palette_requested(self) -> None:
        """Every command: the window's, then the shown page's own actions (approve, deny, …)."""
        page = self.stack.currentWidget()
        own = [a for a in page.actions() if a.text()] if page is not None else []
        shell = [a for a in self.actions() if a is not self.palette_action]
        self.palette_popup.popup(shell + own)

    def _search_cases(self, text: str) -> list[CaseHit]:
        """The palette's case search: by id, decision id or customer, from the local store."""
        masked = not sees_full_names(self.context.user.roles)
        with self.context.store.session() as s:
            rows = find_cases(s, text, self.context.clock.now())
        return [
            CaseHit(r.id, f"{r.id} · {mask_name(r.customer_name) if masked else r.customer_name}")
            for r in rows
        ]

    def _on_move(self, step: int) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, InboxPage):
            page.move_selection(step)
            self.focus_page(page)  # Enter then opens the row J / K selected

    def _on_next_task(self) -> None:
        page = self.show_page("inbox")
        if isinstance(page, InboxPage) and page.next_task() is None:
            self.notify(self.tr("No open task for you right now."), "info")

    def _on_page_alert(self, kind: str, text: str, case_ids: set[str]) -> None:
        severity = "critical" if kind in ("sla_breach", "p0_arrival") else "warning"
        key = sorted(case_ids)[0] if case_ids else ""
        self.notify(text, severity, key)

    def _on_live_alert(self, data: dict) -> None:
        text = alert_message(data) or str(data.get("kind") or "")  # code + params: our language
        if text:
            self.notify(text, "warning", str(data.get("case_id") or ""))

    def _on_banner_activated(self, case_id: str) -> None:
        self.show_page("inbox", case_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.tray is not None:
            self.tray.hide()
        self.context.clock.stop()
        super().closeEvent(event)
