"""The ops desk lists the server's stored daily / weekly / monthly reports, shows one as rows
and exports exactly those rows to CSV."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from app.domain.wire import format_time
from app.rules import reports
from server import storage
from server.jobs import reports as report_job
from sync.api import ApiClient
from ui.ops.export import read_csv
from ui.ops.stored_reports import StoredReportsTab
from ui.tasks import TaskKeeper


def test_list_show_and_export(qtbot, qloop, demo, tmp_path, qtmodeltester) -> None:
    t0 = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)  # Monday 10:00 KST
    demo.live.scheduler.stop()  # else its next tick reports every day from t0 to today
    with demo.running.app.state.db.session() as s:  # reporting from t0 on (the live scheduler
        storage.set_meta(s, report_job.ANCHOR_KEY, format_time(t0))  # may have set "now")
        report_job.run(s, t0, t0 + timedelta(days=8))
        s.commit()
    api = ApiClient(demo.url, token=demo.token("supervisor1"))
    tab = StoredReportsTab(lambda: api, TaskKeeper())
    qtbot.addWidget(tab)
    try:
        with qtbot.waitSignal(tab.sig_listed, timeout=15_000) as listed:
            tab.refresh()
        assert listed.args[0] >= 9  # 8 days and a week
        qtmodeltester.check(tab.list_model)
        ids = [r[0] for r in tab.list_model.rows()]
        assert "weekly-2026-01-05" in ids and "daily-2026-01-12" in ids
        row = ids.index("weekly-2026-01-05")
        with qtbot.waitSignal(tab.sig_report_loaded, timeout=15_000) as loaded:
            tab.list_view.selectRow(row)
        assert loaded.args[0] == "weekly-2026-01-05"
        rows = tab.detail_model.rows()
        assert ["appeals", "submission_rate"] in [r[:2] for r in rows]
        path = tmp_path / "주간.csv"
        with qtbot.waitSignal(tab.sig_export_done) as done:
            tab.export_to(path)
        assert done.args == [str(path), len(rows)]
        assert read_csv(path) == [list(reports.CSV_HEADER), *rows]
    finally:
        closing = asyncio.ensure_future(api.aclose())
        qtbot.waitUntil(closing.done)


def test_report_rows_read_as_words_while_the_csv_keeps_its_keys(qtbot) -> None:
    """The detail table shows figures in words (no ``sla_priority`` / ``submission_rate``
    reaching a person); the rows behind it, which the CSV export writes, keep the stored keys."""
    from ui.ops.stored_reports import RowsModel, detail_header, detail_word

    model = RowsModel(detail_header(), word=detail_word)
    raw = [["sla_priority", "p1", "6", "0", "1", "5", "0.0"], ["appeals", "submission_rate",
           "", "", "", "", "12.5"]]  # fmt: skip
    model.set_rows(raw)
    shown = [[model.data(model.index(r, c)) for c in range(7)] for r in range(2)]
    assert shown[0][:2] == ["SLA by priority", "P1"] and shown[0][6] == "0.0"
    assert shown[1][:2] == ["Appeals", "Submission rate (%)"]
    assert model.rows() == raw
    assert "section" not in detail_header()


def test_report_queue_ids_read_as_queue_names() -> None:
    from ui.ops.stored_reports import detail_word

    assert detail_word(1, "credit_review") == "Credit review"  # not the raw queue id
    assert detail_word(1, "p2") == "P2"
