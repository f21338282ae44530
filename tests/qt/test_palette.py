"""One palette (issue 23 part 4): no colour literal outside ``widgets/palette.py``, every text and
background pair of every theme variant at WCAG AA, and widgets that follow the active theme."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from widgets import palette
from widgets.badges import PRIORITY_COLORS
from widgets.countdown import COLOURS
from widgets.sla_countdown import BANDS

ROOT = Path(__file__).resolve().parents[2]
PALETTE_MODULE = ROOT / "widgets" / "palette.py"
THEME_FILES = ROOT / "resources" / "themes"

HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![\w-])")
NAMED = re.compile(r"QColor\(\s*(?:['\"]|\d)")
GLOBAL = re.compile(r"Qt\.GlobalColor\.(?!transparent\b)\w+")
PG_SHORT = re.compile(
    r"""(?:background|foreground|mkPen|mkBrush|color)\s*[=(]\s*['"][rgbcmykw]['"]"""
)


def colour_literals(source: str) -> list[str]:
    """Colour literals in Python ``source``: hex in string tokens (comments are not code),
    ``QColor("name")`` / ``QColor(r, g, b)``, ``Qt.GlobalColor.<colour>`` and pyqtgraph's
    one-letter colours."""
    found: list[str] = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for tok in tokens:
        if tok.type == tokenize.STRING:
            found += [f"{tok.start[0]}: {m}" for m in HEX.findall(tok.string)]
    for n, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        for rx in (NAMED, GLOBAL, PG_SHORT):
            found += [f"{n}: {m.group(0)}" for m in rx.finditer(code)]
    return found


def test_the_lint_sees_each_kind_of_colour_literal() -> None:
    assert colour_literals('x = "color: #B3261E;"')
    assert colour_literals("x = f\"<span style='color:#abc'>\"")
    assert colour_literals('c = QColor("#80FF0000")')
    assert colour_literals('c = QColor("red")')
    assert colour_literals("c = QColor(40, 44, 52)")
    assert colour_literals("c = Qt.GlobalColor.red")
    assert colour_literals('pg.setConfigOptions(background="w")')
    assert not colour_literals("# issue #123: a comment\nx = '#wallPage QLabel {}'")
    assert not colour_literals("pixmap.fill(Qt.GlobalColor.transparent)")
    assert not colour_literals('x = "&#123;"')


def test_no_colour_literal_outside_the_palette_module() -> None:
    offenders = []
    for folder in ("ui", "widgets"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == PALETTE_MODULE:
                continue
            for hit in colour_literals(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{hit}")
    assert offenders == [], "\n".join(offenders)


@pytest.mark.parametrize("theme", palette.THEMES)
def test_every_text_pair_reaches_wcag_aa(theme: str) -> None:
    low = {
        f"{fg} on {bg}": round(ratio, 2)
        for fg, bg in palette.TEXT_PAIRS
        if (ratio := palette.contrast_ratio(palette.hex_of(fg, theme), palette.hex_of(bg, theme)))
        < 4.5
    }
    assert low == {}


def test_contrast_ratio_matches_the_wcag_examples() -> None:
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


def test_each_theme_has_its_style_sheet_and_the_same_roles() -> None:
    roles = set(palette.VARIANTS["light"])
    for theme in palette.THEMES:
        assert (THEME_FILES / f"{theme}.qss").is_file(), theme
        assert roles <= set(palette.VARIANTS[theme]), theme


@pytest.mark.parametrize("theme", palette.THEMES)
def test_the_style_sheet_uses_the_palettes_text_and_background(theme: str) -> None:
    qss = (THEME_FILES / f"{theme}.qss").read_text(encoding="utf-8").upper()
    rule = re.search(r"QMAINWINDOW, QDIALOG \{([^}]*)\}", qss)
    assert rule is not None
    assert palette.hex_of("background", theme).upper() in rule.group(1)
    assert palette.hex_of("text", theme).upper() in rule.group(1)


def test_widgets_ask_the_palette_for_the_active_theme(qapp: QApplication) -> None:
    before = qapp.property("theme")
    try:
        qapp.setProperty("theme", "light")
        light = (PRIORITY_COLORS["p0"].name(), COLOURS["overdue"], BANDS[next(iter(BANDS))].color)
        qapp.setProperty("theme", "high-contrast")
        contrast = (PRIORITY_COLORS["p0"].name(), COLOURS["overdue"])
        assert contrast[0] != light[0] and contrast[1] != light[1]
        assert COLOURS["overdue"] == palette.hex_of("error", "high-contrast")
        assert light[1] == palette.hex_of("error", "light")
    finally:
        qapp.setProperty("theme", before)


def test_an_unknown_role_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no colour role 'eror'"):
        palette.hex_of("eror")


def test_the_wall_paints_with_the_wall_variant_or_high_contrast(qapp: QApplication) -> None:
    from ui.wall.style import wall_qss

    before = qapp.property("theme")
    try:
        qapp.setProperty("theme", "light")  # a wall page opened from a light desk stays dark
        assert palette.hex_of("background", "wall") in wall_qss()
        qapp.setProperty("theme", "high-contrast")
        assert palette.hex_of("background", "high-contrast") in wall_qss()
        assert palette.hex_of("background", "wall") not in wall_qss()
    finally:
        qapp.setProperty("theme", before)


def test_type_sizes_come_from_the_palette_by_theme(qapp: QApplication) -> None:
    from ui.look import apply_font

    for name in palette.SIZES["light"]:
        assert palette.size_of(name, "wall") > palette.size_of(name, "light"), name
        assert palette.size_of(name, "high-contrast") >= palette.size_of(name, "light"), name
    before = qapp.font()
    try:
        apply_font(qapp, "wall")
        assert qapp.font().pointSizeF() == palette.size_of("body", "wall")
    finally:
        qapp.setFont(before)


def test_charts_draw_with_the_theme_they_are_given(qtbot) -> None:
    from widgets.trend_chart import TrendChart

    chart = TrendChart({"p0": "P0", "p1": "P1"}, target=80.0, theme="wall")
    qtbot.addWidget(chart)
    axis = chart.plot.getAxis("left").pen().color().name().upper()
    assert axis == palette.hex_of("chart.foreground", "wall").upper()
    first = chart.curves["p0"].opts["pen"].color().name().upper()
    assert first == palette.series("wall")[0].upper()
