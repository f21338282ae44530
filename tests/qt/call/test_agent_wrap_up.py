"""The agent's after-call form and the live-call parts issue 17 names, over a real store, driven
with keys: digits typed into the callback time flow through its sections, the sentiment headline
follows the customer's latest turns and stops at call end, banners float newest first without
moving the page, and the form is disabled with no call."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from app.domain.enums import ParticipantRole, Sentiment
from tests.qt.call.conftest import make_page
from tests.qt.data import NOW
from ui.call.acw import AfterCallWorkPanel
from ui.call.sentiment_pane import SentimentPane
from widgets.sentiment_chart import SentimentChart
from widgets.transcript_model import Turn


def test_typed_digits_fill_the_callback_time(qtbot) -> None:
    panel = AfterCallWorkPanel("ko")
    qtbot.addWidget(panel)
    panel.show()
    panel.reset([], NOW)
    qtbot.keyClick(panel.callback_on, Qt.Key.Key_Space)
    assert panel.callback_at.isEnabled()
    panel.callback_at.setFocus()
    qtbot.keyClick(panel.callback_at, Qt.Key.Key_Home)
    qtbot.keyClicks(panel.callback_at, "202612091730")
    assert panel.callback_at.text() == "2026-12-09 17:30"
    panel.callback_at.selectAll()
    qtbot.keyClicks(panel.callback_at, "2026-12-08 16:05")
    assert panel.callback_at.text() == "2026-12-08 16:05"


def _turn(i: int, sentiment: Sentiment, role=ParticipantRole.CUSTOMER) -> Turn:
    return Turn(f"t{i}", role, "…", i * 5000, i * 5000 + 4000, True, sentiment)


def test_the_headline_follows_the_customer_and_stops_at_call_end(qtbot) -> None:
    pane = SentimentPane()
    qtbot.addWidget(pane)
    pane.show()
    for i in range(3):
        pane.add_turn(_turn(i, Sentiment.NEGATIVE))
    assert pane.mood.property("mood") == "negative"
    assert pane.alert.isVisible()
    pane.add_turn(_turn(3, Sentiment.NEUTRAL, ParticipantRole.AGENT))
    for i in range(4, 7):  # the customer calms down
        pane.add_turn(_turn(i, Sentiment.POSITIVE))
    assert pane.mood.property("mood") == "positive"
    assert pane.mood.text() == pane.mood_text(Sentiment.POSITIVE)
    assert not pane.alert.isVisible()  # the alert and its buttons go with the anger
    pane.add_turn(_turn(7, Sentiment.NEGATIVE))  # {+1, +1, -1}: the latest turns say neutral
    assert pane.mood.property("mood") == "neutral"
    pane.finish()
    stopped = pane.mood.text()
    assert pane.ended and stopped == pane.mood_text(Sentiment.NEUTRAL)
    assert stopped != pane.mood_text(None) and pane.mood.property("ended") is True
    for i in range(8, 11):  # late finals after the end do not move the headline
        pane.add_turn(_turn(i, Sentiment.NEGATIVE))
    assert pane.mood.text() == stopped
    assert not pane.alert.isVisible()


def test_banners_newest_first_without_moving_the_page(qtbot, qloop, call_store, clock) -> None:
    page = make_page(qtbot, call_store, clock)
    page.show()
    page.load_now()
    qtbot.waitUntil(lambda: page.columns.isVisible(), timeout=20_000)
    before = page.columns.mapTo(page, page.columns.rect().topLeft())
    page.notify("warning", "first")
    page.notify("info", "second")
    assert page.banner.current_text().startswith("second")  # the newest shows
    assert page.banner.pending_count() == 1
    assert page.columns.mapTo(page, page.columns.rect().topLeft()) == before
    assert page.banner.geometry().right() <= page.width()
    page.banner._on_dismiss_clicked()
    assert page.banner.current_text().startswith("first")


def test_the_chart_reads_call_time_and_its_legend_clears_the_curves(qtbot) -> None:
    chart = SentimentChart(-0.5)
    qtbot.addWidget(chart)
    chart.resize(420, 260)
    chart.show()
    qtbot.waitExposed(chart)
    axis = chart.plot.getPlotItem().getAxis("bottom")
    assert axis.tickStrings([0.0, 0.5, 1.0, 61.0], 1.0, 0.5) == ["0:00", "0:30", "1:00", "1:01:00"]
    (step, _offset), *_ = axis.tickSpacing(0.0, 0.3, 300)
    assert step * 60 == round(step * 60) and step * 60 >= 10  # whole seconds, never 0.02 min
    for i in range(6):
        chart.append("customer", i * 0.05, 1.0)
    chart.flush()
    view = chart.plot.getPlotItem().getViewBox()
    top_of_curves = view.mapViewToScene(pg.Point(0, 1.1)).y()
    legend_bottom = chart.legend.mapRectToScene(chart.legend.boundingRect()).bottom()
    assert legend_bottom <= top_of_curves  # the legend row sits above "positive"


def test_the_form_is_disabled_without_a_call(qtbot, qloop, call_store, clock) -> None:
    page = make_page(qtbot, call_store, clock)
    page.open_call(None)
    assert not page.acw.isEnabled()
    page.load_now()
    assert page.call is not None and page.acw.isEnabled()


def test_a_server_alert_reads_in_the_users_language(qtbot, qloop, small_store, clock) -> None:
    from PySide6.QtWidgets import QApplication

    from app.domain.enums import Role
    from tests.qt.test_shell import make_window
    from ui.look import install_language

    window = make_window(qtbot, small_store, clock, [Role.AGENT], user="agent1")
    alert = {
        "kind": "negative_sentiment",
        "code": "negative_sentiment",
        "params": {"customer": "최*연", "queue": "General Customer"},
        "message": "부정 감정 감지: 최*연 (General Customer)",
    }
    app = QApplication.instance()
    install_language(app, "en")
    try:
        window._on_live_alert(alert)  # as the live event stream delivers it, English UI
        assert window.banner.current_text() == "Negative sentiment: 최*연 (General Customer)"
        install_language(app, "ko")
        window.banner.clear()
        window._on_live_alert(alert)
        assert window.banner.current_text() == "부정 감정 감지: 최*연 (General Customer)"
    finally:
        install_language(app, "en")


def test_the_case_box_shows_its_whole_korean_hint_in_the_narrow_column(qtbot, qapp, fonts) -> None:
    """At 1440x900 the form is ~300 px wide: the linked-case box had '케이스 ID (선…' beside the
    new-case check box; it now takes the row's width with the check box below it."""
    from ui.look import apply_font, install_language, load_theme

    font, sheet = qapp.font(), qapp.styleSheet()
    try:
        assert install_language(qapp, "ko")
        apply_font(qapp)  # the app's font and theme, as on the screen
        load_theme(qapp, "light")
        panel = AfterCallWorkPanel("ko")
        qtbot.addWidget(panel)
        panel.setFixedSize(300, 640)  # the column's width at 1440x900
        panel.show()
        qtbot.waitExposed(panel)
        edit = panel.case_link.lineEdit()
        hint = edit.placeholderText()
        assert hint == "케이스 ID (선택)"
        qtbot.waitUntil(lambda: edit.width() > edit.fontMetrics().horizontalAdvance(hint) + 8)
    finally:
        install_language(qapp, "en")
        qapp.setFont(font)
        qapp.setStyleSheet(sheet)
        qapp.setProperty("theme", None)
