"""The decision page from a real store: three option cards with the demo's numbers, the
metrics matrix, what-if weights re-ranking live, refusal above the user's level, and an
approval saved offline into the outbox with the exact payload."""

from __future__ import annotations

from sqlalchemy import select

from app.rules.options import METRIC_WEIGHTS
from app.store.local_models import OutboxRow
from tests.qt.decision.demo_data import EXEC_CAPACITY, EXEC_HEADCOUNT
from ui.bridge import SyncBridge
from ui.decision.page import DecisionPage
from ui.decision.panels import ClaimsModel
from ui.decision.source import DecisionSource
from widgets.metrics_matrix import MetricsMatrixModel


def make_page(qtbot, store, clock, actor, execution_id, lang="en") -> DecisionPage:
    bridge = SyncBridge(store)  # its runner runs the page's writes
    page = DecisionPage(DecisionSource(store), clock, actor, lang, bridge.runner)
    bridge.setParent(page)
    qtbot.addWidget(page)
    page.resize(1440, 950)
    page.show_entity(execution_id)
    return page


def texts(widget) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_three_options_render_side_by_side_with_the_numbers(qtbot, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY, lang="ko")
    page.show()
    qtbot.waitExposed(page)
    assert [c.option.option_id for c in page.cards] == ["OPT-01", "OPT-02", "OPT-03"]
    tops = {c.geometry().top() for c in page.cards}
    assert len(tops) == 1  # one row: side by side
    first = texts(page.cards[0])
    assert "1,200만원" in first and "3,000만원" in first and "2주" in first
    assert "9,600만원" in texts(page.cards[2])
    recommended = [c for c in page.cards if c.property("recommended")]
    assert [c.option.option_id for c in recommended] == ["OPT-02"]
    assert "균형" in recommended[0].recommended_label.text()
    assert page.cards[1].rank == 1 and "57.0" in page.cards[1].rank_label.text()
    assert page.matrix_model.rowCount() == 7 and page.matrix_model.columnCount() == 7
    assert page.matrix_model.index(1, 3).data() == "1억원"  # As-Is, once for every option
    cell = page.matrix_model.index(1, 5).data()  # COST of OPT-02
    assert "1억 4,800만" in cell and "+48.0%" in cell and "▲" in cell
    assert page.matrix_model.index(1, 5).data(256) is False  # a cost rising is worse
    metric = page.matrix_model.index(1, 0).data()
    assert metric and "COST" not in metric and "COST" not in page.matrix_model.index(1, 0).data(3)
    assert "◆ 7." in page.steps.text()
    assert "처리 용량" in page.subtitle.text() and "CAPACITY" not in page.subtitle.text()
    assert "공급: " in page.subtitle.text() and "supply" not in page.subtitle.text()
    assert "2. 지식 그래프 조회" in page.steps.text() and "Knowledge" not in page.steps.text()
    assert "승인 대기로 일시정지" in page.steps.text() and "PAUSED" not in page.steps.text()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY)
    qtmodeltester.check(page.matrix_model)
    time_row = list(METRIC_WEIGHTS).index("TIME")  # English: no Korean unit, no token
    assert page.matrix_model.index(time_row, 0).data() == "Time"
    assert page.matrix_model.index(time_row, 1).data() == "weeks"
    assert page.matrix_model.index(1, 1).data() == "KRW"
    lines = texts(page.cards[0]).split("\n")
    assert not any(line.endswith("주") and line[:-1].isdigit() for line in lines)  # not "2주"
    assert "2 weeks" in lines
    qtmodeltester.check(page.validator.claims)
    assert isinstance(page.matrix_model, MetricsMatrixModel)
    assert isinstance(page.validator.claims, ClaimsModel)
    assert page.validator.claims.rowCount() == 5
    assert "⚠" in page.validator.text.toPlainText()  # the unverified claim is marked
    assert "75%" in page.validator.summary.text()


def test_changing_weights_re_ranks_the_options(qtbot, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY)
    assert page.ranking[0] == "OPT-02" and page.weights.note.text() == ""
    cost_only = {k: 0.0 for k in METRIC_WEIGHTS} | {"COST": 100.0}
    with qtbot.waitSignal(page.weights.sig_weights_changed) as sig:
        page.weights.set_raw(cost_only)
    assert sig.args[0]["COST"] == 1.0
    assert page.ranking == ["OPT-01", "OPT-02", "OPT-03"]
    assert page.cards[0].rank == 1
    assert "OPT-01" in page.weights.note.text() and "OPT-02" in page.weights.note.text()
    assert "#2" in page.weights.note.text()  # the recommended OPT-02's real place (issue 17)
    time_only = {k: 0.0 for k in METRIC_WEIGHTS} | {"TIME": 100.0}
    page.weights.set_raw(time_only)
    place = page.ranking.index("OPT-02") + 1
    note = page.weights.note.text()
    assert ("ranks first" in note) if place == 1 else (f"#{place}" in note), note
    with qtbot.waitSignal(page.weights.sig_weights_changed):
        page.weights.reset_button.click()
    assert page.ranking[0] == "OPT-02" and page.weights.note.text() == ""


def test_approval_above_the_users_level_is_refused(qtbot, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_senior2"], EXEC_HEADCOUNT)
    assert not page.form.submit.isEnabled()
    assert "E006" in page.form.refusal.text() and "Division head" in page.form.refusal.text()
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY)
    page.form.level.setCurrentIndex(page.form.level.findData("DIVISION"))
    page.form.rationale.setPlainText("근거")
    page.form.submit.click()  # refused on the runner: the error comes back on the GUI thread
    qtbot.waitUntil(
        lambda: page.form.errors["approval_level"].isVisibleTo(page.form), timeout=20_000
    )
    assert "E006" in page.form.errors["approval_level"].text()
    with dstore.session() as s:
        assert s.execute(select(OutboxRow)).first() is None


def test_approval_saved_offline_with_the_exact_payload(qtbot, dstore, clock, users):
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY)
    assert "19 h left" in page.form.countdown.text()  # no zero parts
    page.cards[0].sig_option_selected.emit("OPT-01")
    assert page.form.option.currentData() == "OPT-01"
    page.form.status.setCurrentIndex(page.form.status.findData("MODIFIED"))
    page.form.rationale.setPlainText("재배치 후 4주 뒤 재검토")
    page.form.conditions.setPlainText("데이터팀장 동의서 첨부\n4주 후 재검토")
    with qtbot.waitSignal(page.sig_action_saved) as saved:
        page.form.submit.click()
    with dstore.session() as s:
        row = s.get(OutboxRow, saved.args[0])
        assert row.path == "/v1/approvals/APR-20261123-001/responses"
        assert row.payload == {
            "status": "MODIFIED",
            "approval_level": "TEAM_LEAD",
            "selected_option_id": "OPT-01",
            "rationale": "재배치 후 4주 뒤 재검토",
            "conditions": ["데이터팀장 동의서 첨부", "4주 후 재검토"],
        }
    assert "Workflow Completed" in page.steps.text() and "pending sync" in page.steps.text()
    assert page.form.log.isVisibleTo(page.form) and "Approved with changes" in page.form.log.text()
    assert not page.form.submit.isEnabled()  # final: nothing more to answer


def test_the_page_fits_1440_px_without_a_horizontal_scroll_bar(qtbot, dstore, clock, users):
    """Issue 17: at 1440×900 the page's content fits beside the navigation rail (the success
    probability tab's three columns used to force 1,270 px)."""
    from PySide6.QtWidgets import QScrollArea

    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY, lang="ko")
    content = page.findChild(QScrollArea).widget()
    rail = 160
    assert content.minimumSizeHint().width() <= 1440 - rail - 20


def test_no_escalation_dead_end_for_a_senior_reviewer(qtbot, dstore, clock, users):
    """Issue 17: escalating needs the ops admin role, so senior1 is not shown a control he can
    never use; senior1 (DIVISION) may decide the demo approval and its Submit is enabled."""
    page = make_page(qtbot, dstore, clock, users["u_senior1"], EXEC_CAPACITY)
    assert page.form.escalate_button.isHidden() and page.form.escalate_reason.isHidden()
    assert page.form.submit.isEnabled()
