"""The one palette: every colour a widget paints or styles, by role and theme.

Colours live here and in the themes (``resources/themes/*.qss``), nowhere else in ``ui/`` or
``widgets/`` (``tests/qt/test_palette.py`` fails on a hex literal elsewhere). A widget asks for a
role — ``hex_of("error")``, ``qcolor("p0")``, ``series()`` — and gets the colour of the active
theme (the ``theme`` property :func:`ui.look.load_theme` sets on the application), so the same
code reads well on light, dark, wall and high-contrast. Accents follow Okabe & Ito (2008), the
colour-blind-safe set; every text/background pair of every variant keeps WCAG AA (≥ 4.5:1), which
the contrast test computes from :data:`TEXT_PAIRS`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

THEMES = ("light", "dark", "wall", "high-contrast")

# Okabe–Ito accents, shared by light, dark and wall (fills, lines, chart series).
_ACCENTS = {
    "accent.blue": "#0072B2",
    "accent.orange": "#E69F00",
    "accent.vermillion": "#D55E00",
    "accent.green": "#009E73",
    "accent.pink": "#CC79A7",
    "accent.sky": "#56B4E9",
    "accent.grey": "#6E6E6E",
    "accent.paused": "#8C8C8C",
    "accent.unknown": "#8A94A0",
    # priority pills: fill and the text painted on it (≥ 4.5:1 between the two)
    "p0": "#C24F00",
    "p0.text": "#FFFFFF",
    "p1": "#E69F00",
    "p1.text": "#1A1A1A",
    "p2": "#0072B2",
    "p2.text": "#FFFFFF",
    "p3": "#6E6E6E",
    "p3.text": "#FFFFFF",
    # knowledge-suggestion confidence pills: white text on the fill
    "level.high": "#00795A",
    "level.medium": "#0072B2",
    "level.low": "#6E6E6E",
    "level.local": "#8C6D00",
    "on_accent": "#FFFFFF",
    # translucent washes (#AARRGGBB)
    "flash": "#46E69F00",
    "issue.wash": "#30D55E00",
    "match.wash": "#AAF0E442",
    "chip.wash": "#2D56B4E9",
    "stale.veil": "#AA282C34",
    "stale.band": "#EB14161A",
    "stale.text": "#F0B54A",
}

_LIGHT = {
    **_ACCENTS,
    "text": "#1B1F24",
    "background": "#F5F6F8",
    "surface": "#FFFFFF",
    "surface.selected": "#EEF5FB",
    "border": "#C5CAD3",
    "muted": "#4A5563",
    "error": "#B34700",
    "warning": "#8A5A00",
    "ok": "#00704F",
    "info": "#005A8C",
    "alert.text": "#8A2E00",
    "alert.background": "#FBE6DA",
    "alert.border": "#D55E00",
    "badge.text": "#004E7A",
    "badge.background": "#E6F1F8",
    "track": "#F1F3F6",
    "match.text": "#1A1A1A",
    "chart.background": "#FFFFFF",
    "chart.foreground": "#1B1F24",
}

_DARK = {
    **_ACCENTS,
    "text": "#E4E8EE",
    "background": "#15191E",
    "surface": "#1B2027",
    "surface.selected": "#1F2A37",
    "surface.alternate": "#20262E",
    "surface.header": "#232A33",
    "border": "#2C343E",
    "grid": "#262D36",
    "muted": "#A9B3BF",
    "subtle": "#C9D1DB",
    "error": "#FF8A4C",
    "warning": "#F0B54A",
    "ok": "#3CC9A0",
    "info": "#56B4E9",
    "alert.text": "#FFB48A",
    "alert.background": "#3A1F12",
    "alert.border": "#D55E00",
    "warning.background": "#33290F",
    "badge.text": "#BFE3FA",
    "badge.background": "#1C2B38",
    "track": "#232A33",
    "match.text": "#1A1A1A",
    "chart.background": "#1B2027",
    "chart.foreground": "#E4E8EE",
}

_HIGH_CONTRAST = {
    **_DARK,
    "text": "#FFFFFF",
    "background": "#000000",
    "surface": "#000000",
    "surface.selected": "#003A66",
    "surface.alternate": "#141414",
    "surface.header": "#1A1A1A",
    "border": "#FFFFFF",
    "grid": "#808080",
    "muted": "#E0E0E0",
    "subtle": "#F0F0F0",
    "error": "#FF9A70",
    "warning": "#FFD400",
    "ok": "#4CE0A8",
    "info": "#7FD4FF",
    "alert.text": "#FFFFFF",
    "alert.background": "#5A1A00",
    "alert.border": "#FF9A70",
    "warning.background": "#4A3A00",
    "badge.text": "#FFFFFF",
    "badge.background": "#003A66",
    "track": "#333333",
    "chart.background": "#000000",
    "chart.foreground": "#FFFFFF",
    "accent.orange": "#FFB000",
    "accent.vermillion": "#FF7A33",
    "accent.green": "#2FD9A0",
    "accent.blue": "#3DA5FF",
    "accent.grey": "#BDBDBD",
    "p0": "#A84400",
    "p2": "#005A8C",
    "p3": "#4D4D4D",
    "level.high": "#006B4F",
    "level.medium": "#005A8C",
    "level.low": "#4D4D4D",
    "level.local": "#6E5600",
}

VARIANTS: dict[str, dict[str, str]] = {
    "light": _LIGHT,
    "dark": _DARK,
    "wall": _DARK,  # the wall is the dark palette with larger type (sizes below)
    "high-contrast": _HIGH_CONTRAST,
}

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("error", "background"),
    ("error", "surface"),
    ("warning", "background"),
    ("warning", "surface"),
    ("ok", "background"),
    ("ok", "surface"),
    ("info", "background"),
    ("info", "surface"),
    ("alert.text", "alert.background"),
    ("badge.text", "badge.background"),
    ("match.text", "match.wash"),
    ("p0.text", "p0"),
    ("p1.text", "p1"),
    ("p2.text", "p2"),
    ("p3.text", "p3"),
    ("on_accent", "level.high"),
    ("on_accent", "level.medium"),
    ("on_accent", "level.low"),
    ("on_accent", "level.local"),
)
"""Every (text, background) pair the widgets paint; each must reach 4.5:1 in every variant."""

SERIES = ("accent.vermillion", "accent.orange", "accent.blue", "accent.green", "accent.pink",
          "accent.sky")  # fmt: skip
"""Chart series roles, in order."""

# Type sizes (points) by theme: the wall is read from 5 m away, high contrast a step larger.
_DESK_SIZES = {"body": 10, "heading": 16, "subheading": 12, "card_title": 13, "countdown": 15}
SIZES: dict[str, dict[str, int]] = {
    "light": _DESK_SIZES,
    "dark": _DESK_SIZES,
    "wall": {"body": 15, "heading": 26, "subheading": 18, "card_title": 19, "countdown": 22},
    "high-contrast": {k: v + 1 for k, v in _DESK_SIZES.items()},
}

ROLE_ALIASES = {
    # semantic roles the pages name, mapped to the palette's colours
    "sentiment.negative": "accent.vermillion",
    "sentiment.neutral": "accent.grey",
    "sentiment.positive": "accent.green",
    "speaker.agent": "accent.blue",
    "speaker.customer": "accent.orange",
    "sla.on_track": "accent.blue",
    "sla.warning": "accent.orange",
    "sla.breached": "accent.vermillion",
    "sla.paused": "accent.paused",
    "sla.met": "accent.green",
    "level.ok": "accent.green",
    "level.warning": "accent.orange",
    "level.critical": "accent.vermillion",
    "level.unknown": "accent.unknown",
    "option.conservative": "accent.green",
    "option.balanced": "accent.blue",
    "option.aggressive": "accent.vermillion",
}


def active_theme() -> str:
    """The theme the application runs with (``light`` without an application or a theme)."""
    app = QCoreApplication.instance()
    name = app.property("theme") if app is not None else None
    return name if name in VARIANTS else "light"


def hex_of(role: str, theme: str | None = None) -> str:
    """``#RRGGBB`` (or ``#AARRGGBB`` for washes) of ``role`` in ``theme`` (default: active)."""
    variant = VARIANTS[theme if theme in VARIANTS else active_theme()]
    role = ROLE_ALIASES.get(role, role)
    try:
        return variant[role]
    except KeyError:
        raise KeyError(f"no colour role {role!r} in the palette") from None


_QCOLORS: dict[tuple[str, str], QColor] = {}


def qcolor(role: str, theme: str | None = None) -> QColor:
    """A fresh QColor of ``role`` (made once per role and theme; painters call this per cell)."""
    key = (role, theme if theme in VARIANTS else active_theme())
    made = _QCOLORS.get(key)
    if made is None:
        made = _QCOLORS[key] = QColor(hex_of(role, key[1]))
    return QColor(made)


def series(theme: str | None = None) -> tuple[str, ...]:
    """The chart series colours of ``theme``, in order."""
    return tuple(hex_of(role, theme) for role in SERIES)


_TYPE_SCALE = 1.0
"""How much larger than the design every type role is drawn: the desktop's font size and the
user's ``--font-scale`` (``ui.look.apply_font`` sets it); 1.0 at the design's sizes."""


def set_type_scale(factor: float) -> None:
    global _TYPE_SCALE
    _TYPE_SCALE = factor if factor > 0 else 1.0


def type_scale() -> float:
    return _TYPE_SCALE


def size_of(name: str, theme: str | None = None) -> float:
    """Point size of the type role ``name`` (body, heading, subheading, card_title, countdown):
    the theme's design size times :func:`type_scale`, so every role keeps its ratio to the
    application's body font (which follows the desktop and ``--font-scale``)."""
    points = SIZES[theme if theme in SIZES else active_theme()][name] * _TYPE_SCALE
    return round(points, 1)


def css_size(name: str, theme: str | None = None) -> str:
    """``font-size: …pt;`` for a one-widget style sheet."""
    return f"font-size: {size_of(name, theme):g}pt;"


def css_color(role: str, theme: str | None = None) -> str:
    """``color: …;`` for a one-widget style sheet."""
    return f"color: {hex_of(role, theme)};"


def apply_to_charts(theme: str | None = None) -> None:
    """pyqtgraph's default background and foreground (axes, labels) from ``theme``; pyqtgraph
    reads them when a plot is made, so each chart widget calls this before making its plot
    (not at start-up: pyqtgraph and numpy load with the first chart)."""
    import pyqtgraph as pg

    pg.setConfigOptions(
        background=hex_of("chart.background", theme), foreground=hex_of("chart.foreground", theme)
    )


def alert_span_style(theme: str | None = None) -> str:
    """Inline HTML style of a flagged passage (alert text on the alert wash)."""
    return f"background:{hex_of('alert.background', theme)}; color:{hex_of('alert.text', theme)};"


class Roles(Mapping[str, QColor]):
    """A fixed key → role table resolved against the active theme at each lookup:
    ``PRIORITY = Roles({"p0": "p0", …}); PRIORITY["p0"]`` is a QColor of today's theme."""

    def __init__(self, roles: Mapping[str, str], *, as_hex: bool = False) -> None:
        self._roles = dict(roles)
        self._as_hex = as_hex

    def __getitem__(self, key: str):  # type: ignore[override]
        role = self._roles[key]
        return hex_of(role) if self._as_hex else qcolor(role)

    def __iter__(self) -> Iterator[str]:
        return iter(self._roles)

    def __len__(self) -> int:
        return len(self._roles)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB`` (alpha ignored)."""
    c = QColor(colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def blend(top: str, bottom: str) -> str:
    """``top`` (maybe translucent) painted over the opaque ``bottom``, as ``#RRGGBB``."""
    t, b = QColor(top), QColor(bottom)
    a = t.alphaF()
    mix = QColor.fromRgbF(
        t.redF() * a + b.redF() * (1 - a),
        t.greenF() * a + b.greenF() * (1 - a),
        t.blueF() * a + b.blueF() * (1 - a),
    )
    return mix.name()


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (1..21); a translucent background is laid over white first."""
    if QColor(background).alpha() < 255:
        background = blend(background, "#FFFFFF")
    hi, lo = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
