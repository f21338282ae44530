"""Server changes the workstation could not apply show on the Sync problems page with their
reason, field and raw text, count in the status bar's problems, and leave once a corrected
version applies. A real store; the entries come through the real feed apply."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from app.store.apply import apply_changes
from tests.unit.store import builders as b
from ui.look import install_language
from ui.sync_problems.page import SyncProblemsPage

PAST_INT64 = 9223372036854775808
SEEN = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def _bad_and_good(case_id: str, version: int, amount: int) -> list[dict]:
    change = b.upsert(b.case(case_id, version=version))
    change["data"]["application"]["amount"] = amount
    return [change, b.upsert(b.case(f"{case_id}-ok", version=version))]


def _pull(store, changes: list[dict]) -> None:
    with store.transaction() as s:
        apply_changes(s, changes, now=SEEN)


def _cells(page: SyncProblemsPage, row: int) -> list[str]:
    model = page.feed_entries.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_an_entry_kept_aside_is_listed_with_its_reason_and_raw_text(
    qtbot, qtmodeltester, make_context, seeded
):
    context = make_context("reviewer1", "en")
    page = SyncProblemsPage(context)
    qtbot.addWidget(page)
    assert page.feed_entries.isHidden()
    _pull(seeded, _bad_and_good("case_big", 1, PAST_INT64))
    not_entity = b.upsert(b.case("case_str"))
    not_entity["data"] = "not an entity"
    _pull(seeded, [not_entity])
    with qtbot.waitSignal(context.bridge.sig_outbox_changed) as signal:
        context.bridge.refresh_outbox()  # what the bridge does after every pull
    assert signal.args == [0, 2]  # both count as sync problems
    assert not page.feed_entries.isHidden()
    qtmodeltester.check(page.feed_entries.model)
    assert page.feed_entries.model.rowCount() == 2
    rows = {_cells(page, r)[2]: _cells(page, r) for r in range(2)}
    assert rows["case_big"][1:] == ["Case", "case_big", "Number out of range", "application.amount"]
    assert rows["case_str"][3:] == ["Not an entity", "data"]
    model = page.feed_entries.model
    row = list(rows).index("case_big")
    tip = model.data(model.index(row, 4), Qt.ItemDataRole.ToolTipRole)
    assert tip == "outside signed 64-bit: application.amount"
    page.feed_entries.table.selectRow(list(rows).index("case_big"))
    assert str(PAST_INT64) in page.feed_entries.raw.toPlainText()
    header = page.feed_entries.model.headerData(3, Qt.Orientation.Horizontal)
    assert header == "Reason"


def test_a_corrected_version_clears_the_entry(qtbot, make_context, seeded):
    context = make_context("reviewer1", "en")
    _pull(seeded, _bad_and_good("case_big", 2, PAST_INT64))
    page = SyncProblemsPage(context)
    qtbot.addWidget(page)
    assert page.feed_entries.model.rowCount() == 1
    _pull(seeded, _bad_and_good("case_big", 3, 30_000_000))
    context.bridge.refresh_outbox()
    assert page.feed_entries.model.rowCount() == 0
    assert page.feed_entries.isHidden()


def test_the_entry_reads_in_korean(qtbot, qapp, make_context, seeded):
    _pull(seeded, _bad_and_good("case_big", 1, PAST_INT64))
    try:
        assert install_language(qapp, "ko")
        page = SyncProblemsPage(make_context("reviewer1", "ko"))
        qtbot.addWidget(page)
        assert page.feed_entries.title() == "서버 변경 반영 실패"
        assert _cells(page, 0)[1] == "케이스"
        assert _cells(page, 0)[3] == "숫자 범위 초과"
    finally:
        install_language(qapp, "en")
