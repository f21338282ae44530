"""The QA page against a real store: band shown live, sample → QA tasks + outbox row, review →
outbox row, results per reviewer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.rules import qa
from app.store.local_models import OutboxRow
from ui.qa.page import QAPage


def make_page(qtbot, make_context, user="qa1", lang="en") -> QAPage:
    page = QAPage(make_context(user, lang))
    qtbot.addWidget(page)
    return page


def outbox(store) -> list[OutboxRow]:
    with store.session() as s:
        return list(s.execute(select(OutboxRow).order_by(OutboxRow.id)).scalars())


def test_models(qtbot, qtmodeltester, make_context):
    page = make_page(qtbot, make_context)
    qtmodeltester.check(page.tasks)
    qtmodeltester.check(page.results)
    assert page.results.rowCount() == 2  # reviewer1, reviewer2
    assert page.results.data(page.results.index(0, 2)) == "88.0"
    reviews = [page.tasks.review(r) for r in range(page.tasks.rowCount())]
    people = {r.reviewed_user_id: f"검토자 {i}" for i, r in enumerate(reviews)}
    page.results.set_reviews(reviews, people)
    shown = {page.results.data(page.results.index(r, 0)) for r in range(2)}
    assert shown <= set(people.values())  # display names, never the user ids
    reasons = {page.tasks.data(page.tasks.index(r, 1)) for r in range(page.tasks.rowCount())}
    states = {page.tasks.data(page.tasks.index(r, 3)) for r in range(page.tasks.rowCount())}
    assert states <= {"Open", "Done"} and not reasons & {"random", "borderline", "high_amount"}


@pytest.mark.parametrize(("lang", "word"), [("en", "Excellent"), ("ko", "우수")])
def test_band_is_shown_live(qtbot, make_context, lang, word, request):
    if lang == "ko":
        request.getfixturevalue("lang_ko")
    page = make_page(qtbot, make_context, "qa1", lang)
    page.select_review(0)
    for box in page.scores.values():
        box.setValue(19)
    assert page.band.text().startswith("95 / 100")
    assert word in page.band.text()
    page.scores["communication"].setValue(5)
    assert page.band.text().startswith("81 / 100")
    assert qa.band(81).value == "needs_improvement"


def test_sample_then_review_write_outbox_rows(qtbot, make_context, seeded):
    page = make_page(qtbot, make_context)
    before = page.tasks.rowCount()
    with qtbot.waitSignal(page.sig_sample_drawn) as drawn:
        page.run_button.click()
    result = drawn.args[0]
    assert str(result.seed) in page.seed.text() and str(result.seed) in page.sample_result.text()
    assert page.tasks.rowCount() == before + len(result.picked) > before
    page.select_review(0)
    assert page.review.status == "open"
    for box in page.scores.values():
        box.setValue(18)
    page.notes.setPlainText("절차 준수")
    with qtbot.waitSignal(page.sig_review_saved):
        page.save_button.click()
    paths = [r.path for r in outbox(seeded)]
    assert paths == ["/v1/qa/samples", "/v1/qa/reviews"]
    assert outbox(seeded)[-1].payload["scores"]["procedure"] == 18.0


def test_sampling_and_review_need_the_roles(qtbot, make_context):
    page = make_page(qtbot, make_context, "reviewer1")
    assert not page.run_button.isEnabled() and page.run_button.toolTip()
    page.select_review(0)
    assert not page.save_button.isEnabled()


def test_the_case_id_is_read_whole_in_a_narrow_tasks_table(qtbot, make_context):
    page = make_page(qtbot, make_context)
    page.tasks_view.resize(560, 300)  # the tasks table's width in a 1440x900 window
    page.tasks_view.show()
    qtbot.waitExposed(page.tasks_view)
    view = page.tasks_view
    assert page.tasks.rowCount() > 0
    qtbot.waitUntil(lambda: view.columnWidth(0) >= view.sizeHintForColumn(0), timeout=20_000)
