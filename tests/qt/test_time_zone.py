"""The display time zone (issue 23 part 4): read in one place (``ui/time_zone.py``) from ``--tz``
or the ``display/time_zone`` setting, default Asia/Seoul; the business rules keep Korean time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.enums import Role
from app.rules import calendar, reports
from app.rules.zone import DEFAULT_DISPLAY_ZONE, KST
from ui.bridge import SyncBridge
from ui.context import AppContext, UserInfo
from ui.main_window import MainWindow
from ui.options import parse
from ui.tasks import TaskKeeper
from ui.time_zone import SETTINGS_KEY, apply_time_zone, save_time_zone
from ui.time_zone_dialog import TimeZoneDialog
from widgets.clock import Clock
from widgets.countdown import CountdownLabel
from widgets.formatting import display_zone, local_time, set_display_zone

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)  # 21:00 in Seoul, 13:00 in Berlin


@pytest.fixture(autouse=True)
def _default_zone_after() -> Iterator[None]:
    yield
    set_display_zone(DEFAULT_DISPLAY_ZONE)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "workstation.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def countdown(qtbot) -> CountdownLabel:
    label = CountdownLabel(Clock(now=lambda: NOW))
    qtbot.addWidget(label)
    return label


def test_without_a_setting_times_show_in_seoul(settings, countdown) -> None:
    apply_time_zone(settings)
    countdown.set_deadline(DEADLINE)
    assert display_zone().key == "Asia/Seoul"
    assert "Dec 7, 2026 21:00 (KST)" in countdown.toolTip()


def test_changing_the_setting_changes_the_displayed_time(settings, countdown) -> None:
    apply_time_zone(settings)
    countdown.set_deadline(DEADLINE)
    seoul = countdown.toolTip()
    settings.setValue(SETTINGS_KEY, "Europe/Berlin")
    apply_time_zone(settings)
    countdown.set_deadline(DEADLINE)
    assert "Dec 7, 2026 13:00 (CET)" in countdown.toolTip()
    assert countdown.toolTip() != seoul
    assert local_time(DEADLINE, "%H:%M") == "13:00"


def test_saving_a_zone_keeps_it_for_the_next_start(settings) -> None:
    save_time_zone(settings, "America/New_York")
    set_display_zone(DEFAULT_DISPLAY_ZONE)  # a new start
    apply_time_zone(settings)
    assert local_time(DEADLINE, "%H:%M") == "07:00"


def test_the_tz_option_wins_over_the_setting_for_one_run(settings) -> None:
    settings.setValue(SETTINGS_KEY, "Europe/Berlin")
    opts = parse(["--tz", "UTC"])
    assert opts.tz == "UTC"
    apply_time_zone(settings, opts.tz)
    assert local_time(DEADLINE, "%H:%M") == "12:00"
    assert settings.value(SETTINGS_KEY) == "Europe/Berlin"  # not overwritten
    assert parse([]).tz is None


def test_an_unknown_zone_is_a_clear_error_and_loses_nothing(settings, capsys) -> None:
    with pytest.raises(SystemExit):
        parse(["--tz", "Mars/Olympus"])
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err
    with pytest.raises(ValueError, match="unknown time zone"):
        save_time_zone(settings, "../etc/passwd")
    assert settings.value(SETTINGS_KEY) is None
    settings.setValue(SETTINGS_KEY, "Mars/Olympus")  # e.g. edited by hand
    apply_time_zone(settings)
    assert display_zone().key == "Asia/Seoul"
    assert settings.value(SETTINGS_KEY) == "Mars/Olympus"


def test_business_rules_keep_korean_time_whatever_the_display_zone(settings) -> None:
    settings.setValue(SETTINGS_KEY, "Europe/Berlin")
    apply_time_zone(settings)
    assert calendar.KST is KST and reports.KST is KST
    saturday_09_kst = datetime(2026, 12, 5, 0, 0, tzinfo=UTC)
    monday_09_kst = saturday_09_kst + timedelta(days=2)
    assert calendar.next_business_start(saturday_09_kst) == monday_09_kst
    assert reports.period_start("daily", DEADLINE) == datetime(2026, 12, 6, 15, 0, tzinfo=UTC)


def test_the_high_contrast_theme_is_an_option() -> None:
    assert parse(["--theme", "high-contrast"]).theme == "high-contrast"


def _ok(qtbot, dialog: TimeZoneDialog) -> None:
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_time_zone_dialog_changes_a_displayed_time(qtbot, settings, countdown) -> None:
    apply_time_zone(settings)
    countdown.set_deadline(DEADLINE)
    assert "21:00 (KST)" in countdown.toolTip()
    dialog = TimeZoneDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.zone.currentText() == "Asia/Seoul"
    dialog.zone.setCurrentText("Europe/Berlin")
    with qtbot.waitSignal(dialog.sig_zone_changed) as changed:
        _ok(qtbot, dialog)
    assert changed.args == ["Europe/Berlin"]
    assert settings.value(SETTINGS_KEY) == "Europe/Berlin"
    countdown.set_deadline(DEADLINE)  # the next tick or repaint
    assert "13:00 (CET)" in countdown.toolTip()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)


def test_the_dialog_keeps_an_unknown_zone_as_typed_and_changes_nothing(qtbot, settings) -> None:
    settings.setValue(SETTINGS_KEY, "Europe/Berlin")
    apply_time_zone(settings)
    dialog = TimeZoneDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.zone.setCurrentText("Europe/Atlantis")
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "Europe/Atlantis" in dialog.error.text()
    assert dialog.zone.currentText() == "Europe/Atlantis"
    assert settings.value(SETTINGS_KEY) == "Europe/Berlin"
    assert display_zone().key == "Europe/Berlin"


def test_the_main_window_offers_the_time_zone_option(qtbot, qloop, small_store, clock) -> None:
    bridge = SyncBridge(small_store)
    user = UserInfo("reviewer1", "김검토", [Role.REVIEWER])
    window = MainWindow(AppContext(small_store, clock, TaskKeeper(), bridge, user))
    bridge.setParent(window)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "time_zone")
    assert action is not None
    action.trigger()
    dialog = window.time_zone_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=20_000)
    assert dialog.zone.currentText() == display_zone().key
    dialog.reject()  # nothing saved to the user's real settings
