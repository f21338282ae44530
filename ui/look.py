"""Look and language: the bundled font, the .qss themes and the Qt translators.

Fonts are registered from ``resources/fonts`` with ``QFontDatabase.addApplicationFont`` so Korean
renders on a machine without Korean fonts.

Type follows the desktop (issue 22): the body font is the theme's design size, made larger when
the desktop's own font is larger than the design's (the platform font Qt reads from GNOME, KDE,
Windows…; ``QT_FONT_DPI`` and ``QT_SCALE_FACTOR`` scale points on their own) and by the user's
font scale (``ui.font_scale``: ``--font-scale`` or the setting). Every other size is relative to
it: the type roles of ``widgets.palette`` (``size_of``) and the themes' ``font-size`` values are
multiplied by the same factor. English is the source language of every ``tr()``
string; Korean comes from ``resources/i18n/ko.qm``.
"""

from __future__ import annotations

import contextlib
import locale
import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from widgets import formatting
from widgets.palette import SIZES, set_type_scale, size_of, type_scale
from widgets.palette import THEMES as PALETTE_THEMES

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"
THEMES = RESOURCES / "themes"
I18N = RESOURCES / "i18n"
LANGUAGES = ("ko", "en")
THEME_NAMES = PALETTE_THEMES  # light, dark, wall, high-contrast (widgets/palette.py)
FONT_FAMILY = "NanumGothic"

_translators: list[QTranslator] = []
_current_lang = "ko"


def register_fonts() -> list[str]:
    """Add the bundled fonts; returns the families registered."""
    families: list[str] = []
    for path in sorted(FONTS.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path.name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


DESIGN_DESKTOP_POINTS = float(SIZES["light"]["body"])
"""The desktop font size the design's sizes were drawn for."""


def desktop_factor() -> float:
    """How much larger the desktop's font is than the design's (never below 1: Qt reports its
    9 pt fallback when no desktop font is configured, which says nothing about the user)."""
    points = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return max(1.0, points / DESIGN_DESKTOP_POINTS) if points > 0 else 1.0


def apply_font(app: QApplication, theme: str = "light", scale: float = 1.0) -> None:
    """The application's base font: the bundled family at the theme's body size, times the
    desktop's factor and the user's ``scale`` (2.0 for 200 %)."""
    set_type_scale(desktop_factor() * scale)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size_of("body", theme))
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)


def system_language() -> str:
    """ "ko" or "en" from the system locale; anything else falls back to Korean."""
    names = [QLocale.system().name()]
    if names[0] in ("C", "POSIX"):
        return "ko"  # no language configured (C / POSIX locale)
    with contextlib.suppress(ValueError):
        names.append(locale.getlocale()[0] or "")
    for name in names:
        if name.lower().startswith("en"):
            return "en"
        if name.lower().startswith("ko"):
            return "ko"
    return "ko"


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Install the translators for ``lang`` (replacing earlier ones); True when found."""
    global _current_lang
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    _current_lang = lang if lang in LANGUAGES else "ko"
    formatting.set_language(_current_lang)
    QLocale.setDefault(QLocale(QLocale.Language.Korean if _current_lang == "ko" else "en_US"))
    if _current_lang == "en":
        return True  # English is the source language
    ok = False
    ours = QTranslator(app)
    if ours.load(str(I18N / f"{_current_lang}.qm")):
        app.installTranslator(ours)
        _translators.append(ours)
        ok = True
    else:
        log.warning("no translation file for %s", _current_lang)
    qt_base = QTranslator(app)  # Qt's own strings (dialog buttons), when the wheel ships them
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{_current_lang}", qt_dir):
        app.installTranslator(qt_base)
        _translators.append(qt_base)
    return ok


def current_language() -> str:
    return _current_lang


def load_theme(app: QApplication, name: str) -> str:
    """Apply ``resources/themes/<name>.qss``; returns the style sheet applied."""
    theme = name if name in THEME_NAMES else "light"
    text = scaled_sizes((THEMES / f"{theme}.qss").read_text(encoding="utf-8"), type_scale())
    app.setStyleSheet(text)
    app.setProperty("theme", theme)  # widgets/palette.py reads it (charts: apply_to_charts)
    return text


INDICATOR_PX = 13
"""The style's check-box and radio-button size at the design's font size."""
_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)pt")
_MIN_SIZE = re.compile(r"(min-(?:height|width):\s*)(\d+)px")  # a field's room for its text


def scaled_sizes(qss: str, factor: float) -> str:
    """``qss`` with every ``font-size: Npt`` and ``min-height``/``min-width`` multiplied by
    ``factor`` (style sheets know no relative units, so the themes hold the design's sizes and
    this scales them)."""
    if factor == 1.0:
        return qss
    qss = _FONT_SIZE.sub(lambda m: f"{m.group(1)}{float(m.group(2)) * factor:.1f}pt", qss)
    qss = _MIN_SIZE.sub(lambda m: f"{m.group(1)}{round(int(m.group(2)) * factor)}px", qss)
    box = round(INDICATOR_PX * factor)  # check boxes and radio buttons grow with the text
    return qss + (
        f"\nQCheckBox::indicator, QRadioButton::indicator {{ width: {box}px; height: {box}px; }}\n"
    )
