"""The ChatOps page: ask a question (Korean or English) or pick a tool; the conversation keeps
every question; the selected answer shows its summary, the router's confidence, the alternatives
when the question was ambiguous, the answer table, a small chart where the answer has a series,
the fixes the tool suggests (proposals needing approval) and, for sync and cache questions, this
workstation's own half. F5 re-runs the selected question; Ctrl+Shift+C copies it as text.

Everything a tool does runs on the server (role-checked and audited there); this page only asks.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import diagnostics
from app.store.store import Store
from sync import ops_client
from ui.chatops.chart import SeriesChart
from ui.chatops.models import AnswerModel, ConversationModel, Entry, confidence_text
from ui.chatops.words import PROPOSALS, as_text, word
from ui.tasks import TaskKeeper
from widgets.table_view import set_up_table

LOCAL = {"sync_state": diagnostics.local_sync, "cache_state": diagnostics.local_cache}


class ChatOpsPage(QWidget):
    sig_answered = Signal(int)
    """Emitted with the conversation row once its answer (or its error) arrived."""

    sig_tools_loaded = Signal(int)
    """Emitted with the number of tools the user may run after the list was fetched."""

    def __init__(
        self,
        api: Callable[[], Any],
        keeper: TaskKeeper,
        store: Store,
        lang: str = "ko",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatopsPage")
        self._api, self.keeper, self.store, self.lang = api, keeper, store, lang
        self.titles: dict[str, str] = {}
        self.conversation = ConversationModel(self)
        self.answer_model = AnswerModel(self)
        self.local_model = AnswerModel(self)

        title = QLabel(self.tr("ChatOps diagnostics"), self)
        title.setObjectName("pageTitle")
        self.question = QLineEdit(self)
        self.question.setObjectName("chatopsQuestion")
        self.question.setMaxLength(500)
        self.question.setPlaceholderText(
            self.tr("Ask in Korean or English, e.g. which cases breach within 4 hours?")
        )
        self.ask_button = QPushButton(self.tr("Ask"), self)
        self.tools = QComboBox(self)
        self.tools.setObjectName("chatopsTools")
        # the titles arrive after the first show: grow with them ("서비스 수준 …" was cut)
        self.tools.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tools.currentTextChanged.connect(self.tools.setToolTip)
        self.run_button = QPushButton(self.tr("Run tool"), self)
        self.history = QListView(self)
        self.history.setObjectName("chatopsHistory")
        self.history.setModel(self.conversation)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.answer_title = QLabel(self)
        self.answer_title.setObjectName("sectionTitle")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confidence = QLabel(self)
        self.alternatives = QHBoxLayout()
        self.table = self._table(self.answer_model, "chatopsAnswer")
        for widget, name in (  # screen-reader names (issue 22)
            (self.question, self.tr("Question")),
            (self.tools, self.tr("Diagnostic tool")),
            (self.history, self.tr("Conversation")),
            (self.table, self.tr("Answer")),
        ):
            widget.setAccessibleName(name)
        self.chart = SeriesChart(self)
        self.chart.hide()
        self.local_summary = QLabel(self)
        self.local_summary.setWordWrap(True)
        self.local_table = self._table(self.local_model, "chatopsLocal")
        self.local_table.hide()
        self.proposals = QLabel(self)
        self.proposals.setWordWrap(True)
        self.rerun_button = QPushButton(self.tr("Re-run (F5)"), self)
        self.copy_button = QPushButton(self.tr("Copy as text"), self)

        ask_row = QHBoxLayout()
        ask_row.addWidget(self.question, 1)
        ask_row.addWidget(self.ask_button)
        ask_row.addWidget(self.tools)
        ask_row.addWidget(self.run_button)
        head = QHBoxLayout()
        head.addWidget(self.answer_title, 1)
        head.addWidget(self.confidence)
        head.addWidget(self.rerun_button)
        head.addWidget(self.copy_button)
        right = QWidget(self)
        pane = QVBoxLayout(right)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.addLayout(head)
        pane.addWidget(self.summary)
        pane.addLayout(self.alternatives)
        pane.addWidget(self.table, 3)
        pane.addWidget(self.chart, 2)
        pane.addWidget(self.proposals)
        pane.addWidget(self.local_summary)
        pane.addWidget(self.local_table, 2)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.history)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(title)
        layout.addLayout(ask_row)
        layout.addWidget(split, 1)

        self.question.returnPressed.connect(self._on_ask_clicked)
        self.ask_button.clicked.connect(self._on_ask_clicked)
        self.run_button.clicked.connect(self._on_run_clicked)
        self.rerun_button.clicked.connect(self.rerun)
        self.copy_button.clicked.connect(self.copy)
        self.history.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.show_entry(current.row())
        )
        for keys, slot in ((QKeySequence(Qt.Key.Key_F5), self.rerun),
                           (QKeySequence("Ctrl+Shift+C"), self.copy)):  # fmt: skip
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # this page only
        self._show_empty()

    def _table(self, model: AnswerModel, name: str) -> QTableView:
        return set_up_table(QTableView(self), model, name=name)

    # -- tools and names ----------------------------------------------------------------------
    def load_names(self) -> None:
        """Queue and user names from the local store (answers show names, not ids)."""
        self.keeper.start(self._load_names(), name="chatops-names")

    async def _load_names(self) -> None:
        names = await asyncio.to_thread(diagnostics.display_names, self.store)
        self.answer_model.names = self.local_model.names = names
        self.show_entry(self.history.currentIndex().row())

    def load_tools(self) -> None:
        self.load_names()
        self.keeper.start(self._load_tools(), name="chatops-tools")

    async def _load_tools(self) -> None:
        api = self._api()
        if api is None:
            return
        try:
            tools = await ops_client.tools(api)
        except Exception:  # offline or refused: the question box still works once online
            return
        self.tools.clear()
        for tool in tools:
            label = tool["title_ko"] if self.lang == "ko" else tool["title_en"]
            self.titles[tool["name"]] = label
            self.tools.addItem(label, tool["name"])
        self.sig_tools_loaded.emit(len(tools))

    # -- asking -----------------------------------------------------------------------------
    def _on_ask_clicked(self) -> None:
        text = self.question.text().strip()
        if text:
            self.ask(text)
            self.question.clear()

    def _on_run_clicked(self) -> None:
        name = self.tools.currentData()
        if name:
            self.run_tool(str(name), {}, self.tools.currentText())

    def ask(self, question: str) -> int:
        return self._start(Entry(question))

    def run_tool(self, name: str, args: dict, label: str = "") -> int:
        return self._start(Entry(label or self.titles.get(name, name), tool=name, args=dict(args)))

    def _start(self, entry: Entry) -> int:
        row = self.conversation.add(entry)
        self.history.selectionModel().setCurrentIndex(
            self.conversation.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.keeper.start(self._answer(row, entry), name="chatops-ask")
        return row

    async def _answer(self, row: int, entry: Entry) -> None:
        api = self._api()
        try:
            if api is None:
                raise RuntimeError(self.tr("offline: the server answers diagnostics"))
            if entry.tool:
                entry.reply = await ops_client.run_tool(api, entry.tool, entry.args)
            else:
                cursor = await asyncio.to_thread(diagnostics.cursor, self.store)
                entry.reply = await ops_client.ask(api, entry.question, cursor)
            tool = (entry.reply or {}).get("tool")
            if tool in LOCAL:
                entry.local = await asyncio.to_thread(LOCAL[tool], self.store)
        except Exception as exc:  # shown on the entry, never raised into the loop
            entry.error = str(exc) or type(exc).__name__
        self.conversation.changed(row)
        if self.history.currentIndex().row() == row:
            self.show_entry(row)
        self.sig_answered.emit(row)

    # -- showing ----------------------------------------------------------------------------
    def current_entry(self) -> Entry | None:
        row = self.history.currentIndex().row()
        return self.conversation.entries[row] if 0 <= row < len(self.conversation.entries) else None

    def _show_empty(self) -> None:
        self.answer_title.setText(self.tr("Ask a question or run a tool"))
        self.summary.clear()
        self.confidence.clear()

    def _clear_alternatives(self) -> None:
        while self.alternatives.count():
            item = self.alternatives.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def show_entry(self, row: int) -> None:
        self._clear_alternatives()
        if not (0 <= row < len(self.conversation.entries)):
            self._show_empty()
            return
        entry = self.conversation.entries[row]
        reply = entry.reply or {}
        answer = reply.get("answer") or {}
        tool = reply.get("tool") or entry.tool
        self.answer_title.setText(self.titles.get(tool or "", tool or entry.question))
        self.confidence.setText(confidence_text(reply.get("confidence")))
        if entry.error:
            self.summary.setText(self.tr("Could not answer: {why}").format(why=entry.error))
        elif entry.reply is None:
            self.summary.setText(self.tr("Asking the server…"))
        elif reply.get("tool") is None:
            self.summary.setText(self.tr("No tool matched the question; pick one below."))
        else:
            self.summary.setText(answer.get("summary_ko" if self.lang == "ko" else "summary_en"))
        self._show_alternatives(reply)
        table = answer.get("table") or {}
        self.answer_model.set_table(table.get("columns") or [], table.get("rows") or [])
        series = answer.get("series") or {}
        drawn = any(series.get("y") or [])  # an all-zero series says nothing a table does not
        self.chart.setVisible(drawn)
        if drawn:
            names = self.answer_model.names.get("queue", {})
            self.chart.set_series([names.get(x, x) for x in series.get("x") or []], series["y"])
        self._show_proposals(answer.get("proposals") or [])
        local = entry.local
        self.local_table.setVisible(local is not None)
        self.local_summary.setText("" if local is None else local[1 if self.lang == "ko" else 0])
        self.local_model.set_table(*(local[2:] if local else ([], [])))

    def _show_alternatives(self, reply: dict) -> None:
        alts = reply.get("alternatives") or []
        if not alts:
            return
        self.alternatives.addWidget(QLabel(self.tr("Did you mean:"), self))
        for alt in alts:
            name = alt["tool"]
            text = self.titles.get(name, name)
            if alt.get("confidence"):
                text += f" ({round(alt['confidence'] * 100)}%)"
            button = QPushButton(text, self)
            button.setObjectName(f"chatopsAlt-{name}")
            button.clicked.connect(lambda _=False, n=name: self.run_tool(n, {}))
            self.alternatives.addWidget(button)
        self.alternatives.addStretch(1)

    def _show_proposals(self, proposals: list[dict]) -> None:
        if not proposals:
            self.proposals.clear()
            return
        lines = [self.tr("Suggested fixes (need approval, nothing was changed):")]
        queues = self.answer_model.names.get("queue", {})
        for p in proposals:
            reason = p["reason_ko"] if self.lang == "ko" else p["reason_en"]
            target = queues.get(p["target"], p["target"])
            lines.append(f"• {word(PROPOSALS, p['action'])} — {target}: {reason}")
        self.proposals.setText("\n".join(lines))

    # -- keys -------------------------------------------------------------------------------
    def rerun(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if entry.tool:
            self.run_tool(entry.tool, entry.args, entry.question)
        else:
            self.ask(entry.question)

    def text_of(self, entry: Entry) -> str:
        reply = entry.reply or {}
        answer = reply.get("answer") or {}
        table = answer.get("table") or {}
        summary = answer.get("summary_ko" if self.lang == "ko" else "summary_en", entry.error)
        names = self.answer_model.names
        columns, rows = table.get("columns") or [], table.get("rows") or []
        out = as_text(entry.question, summary, columns, rows, names)
        if entry.local:
            local = entry.local
            lang = 1 if self.lang == "ko" else 0
            out += "\n" + as_text("", local[lang], local[2], local[3], names)
        return out

    def copy(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            QApplication.clipboard().setText(self.text_of(entry))
