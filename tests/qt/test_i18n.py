"""Korean and English both ship: every tr() source has a Korean translation, ko.qm is current,
and the window renders in both languages with Korean glyphs from the bundled font."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from app.domain.enums import Role
from tests.qt.test_shell import make_window
from ui.look import FONT_FAMILY, I18N, install_language

ROOT = Path(__file__).resolve().parents[2]


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str]]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            out[(name, msg.findtext("source"))] = (tr.text or "", tr.get("type", ""))
    return out


@pytest.fixture(scope="module")
def wanted(tmp_path_factory) -> set[tuple[str, str]]:
    """(context, source) of every string the code translates, as lupdate finds them."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for d in ("ui", "widgets") for p in (ROOT / d).rglob("*.py"))
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    return set(messages(fresh))


def test_every_source_string_has_a_korean_translation(wanted):
    shipped = messages(I18N / "ko.ts")
    missing = sorted(k for k in wanted if k not in shipped or not shipped[k][0])
    unfinished = sorted(k for k, (_, kind) in shipped.items() if kind in ("unfinished",))
    assert wanted, "lupdate found no strings"
    assert missing == [], f"no Korean for: {missing}"
    assert unfinished == []


def test_ko_ts_holds_only_messages_the_code_uses_each_context_once(wanted):
    """No vanished or obsolete message, none whose source no tr() call has any more, and one
    <context> per name (a second Navigation block once hid which words the rail used)."""
    shipped = messages(I18N / "ko.ts")
    stale = sorted(k for k, (_, kind) in shipped.items() if kind in ("vanished", "obsolete"))
    unused = sorted(k for k in shipped if k not in wanted)
    root = ET.parse(I18N / "ko.ts").getroot()
    names = [c.findtext("name") for c in root.iter("context")]
    pairs = [(c.findtext("name"), m.findtext("source")) for c in root.iter("context")
             for m in c.iter("message")]  # fmt: skip
    assert stale == []
    assert unused == [], f"no tr() call uses: {unused}"
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert sorted({p for p in pairs if pairs.count(p) > 1}) == []  # one message per source


def test_compiled_qm_is_not_older_than_the_ts():
    assert (I18N / "ko.qm").stat().st_mtime >= (I18N / "ko.ts").stat().st_mtime - 1


def test_shell_renders_in_korean_and_english(qtbot, qloop, qapp, fonts, small_store, clock):
    assert FONT_FAMILY in fonts
    try:
        assert install_language(qapp, "ko")
        window = make_window(qtbot, small_store, clock, [Role.REVIEWER])
        inbox = window.show_page("inbox")
        assert window.windowTitle() == "검토자 워크스테이션"
        assert inbox.model.headerData(0, Qt.Orientation.Horizontal) == "우선순위"
        assert window.rail.item(0).text() == "업무함"
        assert window.status.user.text() == "김검토 (검토자)"  # the role's word, not "reviewer"
        metrics = QFontMetrics(QFont(FONT_FAMILY))
        assert all(metrics.inFontUcs4(ord(ch)) for ch in "검토자워크스테이션업무함우선순위·●…—")
    finally:
        install_language(qapp, "en")
    english = make_window(qtbot, small_store, clock, [Role.REVIEWER])
    assert english.windowTitle() == "Reviewer Workstation"
    assert english.rail.item(0).text() == "Inbox"


def test_inbox_status_labels_follow_a_language_switch(qapp):
    from ui.inbox.columns import status_label

    try:
        assert install_language(qapp, "ko")
        korean = status_label("pending")
        assert korean != "In review" and status_label("pending") == korean  # looked up once
        assert status_label("unknown_status") == "unknown_status"
    finally:
        install_language(qapp, "en")
    assert status_label("pending") == "In review"  # not the Korean labels of before
