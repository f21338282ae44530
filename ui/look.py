"""Look and language: the bundled font, the .qss themes and the Qt translators.

Fonts are registered from ``resources/fonts`` with ``QFontDatabase.addApplicationFont`` so Korean
renders on a machine without Korean fonts. English is the source language of every ``tr()``
string; Korean comes from ``resources/i18n/ko.qm``.
"""

from __future__ import annotations

import contextlib
import locale
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from widgets import formatting
from widgets.palette import THEMES as PALETTE_THEMES
from widgets.palette import size_of

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


def apply_font(app: QApplication, theme: str = "light") -> None:
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
    text = (THEMES / f"{theme}.qss").read_text(encoding="utf-8")
    app.setStyleSheet(text)
    app.setProperty("theme", theme)  # widgets/palette.py reads it (charts: apply_to_charts)
    return text
