"""Issue 22: the font scale (``--font-scale``, the setting) and the desktop's font size set the
app's base font, and every type role and theme size follows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ui.font_scale import SETTINGS_KEY, font_scale, parse_scale, save_font_scale
from ui.look import apply_font, desktop_factor, load_theme, scaled_sizes
from ui.options import parse
from widgets import palette


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "workstation.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def restore_look(qapp):
    font, sheet, scale = qapp.font(), qapp.styleSheet(), palette.type_scale()
    theme = qapp.property("theme")
    yield
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    qapp.setProperty("theme", theme)
    palette.set_type_scale(scale)


def test_a_scale_reads_as_a_factor_or_a_percentage():
    assert parse_scale("2") == 2.0
    assert parse_scale("200%") == 2.0
    assert parse_scale(" 1.5 ") == 1.5
    for bad in ("big", "0.2", "500%", ""):
        with pytest.raises(ValueError, match="font scale"):
            parse_scale(bad)


def test_the_option_beats_the_setting_and_a_bad_setting_is_kept_but_unused(settings):
    assert font_scale(settings) == 1.0
    assert save_font_scale(settings, "150%") == 1.5
    assert font_scale(settings) == 1.5
    assert font_scale(settings, parse(["--font-scale", "200%"]).font_scale) == 2.0
    settings.setValue(SETTINGS_KEY, "huge")
    assert font_scale(settings) == 1.0
    assert settings.value(SETTINGS_KEY) == "huge"  # nothing the user set is lost


def test_a_bad_option_is_refused_with_the_range(capsys):
    with pytest.raises(SystemExit):
        parse(["--font-scale", "9"])
    assert "between 0.75 and 3" in capsys.readouterr().err


def test_every_size_follows_the_base_font(qapp, restore_look):
    apply_font(qapp, "light", 1.0)
    body, heading = palette.size_of("body"), palette.size_of("heading")
    apply_font(qapp, "light", 2.0)
    assert qapp.font().pointSizeF() == pytest.approx(2 * body)
    assert palette.size_of("heading") == pytest.approx(2 * heading)
    assert palette.css_size("heading") == f"font-size: {2 * heading:g}pt;"
    sheet = load_theme(qapp, "light")
    assert "#pageTitle { font-size: 32.0pt;" in sheet  # 16 pt in the theme file
    assert "min-height: 40px" in sheet and "min-height: 20px" not in sheet
    assert desktop_factor() >= 1.0


def test_theme_sizes_scale_only_when_asked():
    qss = "#a { font-size: 12pt; min-height: 20px; padding: 4px; }"
    assert scaled_sizes(qss, 1.0) == qss
    scaled = scaled_sizes(qss, 1.5)
    assert "font-size: 18.0pt" in scaled and "min-height: 30px" in scaled
    assert "padding: 4px" in scaled  # spacing stays as designed
