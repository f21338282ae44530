"""The wall's own style sheet, scoped to ``#wallPage``: dark, large type for 5 m, whatever the
application theme is (a wall page opened from a desk looks like the wall); under the high-contrast
theme it takes the high-contrast colours. Colours come from ``widgets/palette.py``."""

from __future__ import annotations

from widgets.palette import active_theme, hex_of

WALL_QSS = """
#wallPage, #wallPage QWidget {{ background-color: {background}; color: {text}; }}
#wallTitle {{ font-size: 30pt; font-weight: bold; }}
#wallAsOf {{ font-size: 22pt; color: {subtle}; }}
#wallRotation {{ font-size: 18pt; color: {muted}; }}
#wallPanelTitle {{ font-size: 20pt; font-weight: bold; color: {subtle}; padding: 4px 0; }}
#wallEmpty {{ font-size: 22pt; color: {muted}; }}
#kpiTile {{ background: {surface}; }}
#kpiCaption {{ font-size: 15pt; color: {subtle}; }}
#kpiValue {{ font-size: 40pt; font-weight: bold; }}
#kpiStatus {{ font-size: 15pt; }}
#wallAlertText {{ font-size: 24pt; font-weight: bold; }}
#wallAlertIcon {{ font-size: 28pt; }}
#wallAlertMore {{ font-size: 20pt; color: {text}; }}
#wallAlertStrip QLabel {{ background: transparent; }}
#wallTable {{ font-size: 20pt; background: {surface}; alternate-background-color: {alternate};
    border: none; gridline-color: {grid}; }}
#wallTable QHeaderView::section {{ font-size: 15pt; font-weight: bold; background: {header};
    color: {subtle}; padding: 6px; border: none; border-right: 1px solid {border}; }}
"""


def wall_theme() -> str:
    """The palette variant the wall paints with: ``wall``, or ``high-contrast`` under it."""
    return "high-contrast" if active_theme() == "high-contrast" else "wall"


def wall_qss() -> str:
    """The wall page's style sheet in the wall variant's colours."""
    theme = wall_theme()
    roles = {
        "background": "background", "text": "text", "subtle": "subtle", "muted": "muted",
        "surface": "surface", "alternate": "surface.alternate", "grid": "grid",
        "header": "surface.header", "border": "border",
    }  # fmt: skip
    return WALL_QSS.format(**{key: hex_of(role, theme) for key, role in roles.items()})
