"""The wall's own style sheet, scoped to ``#wallPage``: dark, large type read from 5 m (in px
for a 1080p wall: table body 34 px; headers, captions and statuses 24 px — issue 17 asks for
≥ 28 and ≥ 20), whatever the application theme is (a wall page opened from a desk looks like
the wall); under the high-contrast theme it takes the high-contrast colours. Colours come from
``widgets/palette.py``."""

from __future__ import annotations

from widgets.palette import active_theme, hex_of

BODY_PX = 34  # table cells: the smallest text that carries numbers
CAPTION_PX = 24  # headers, tile captions, statuses, chart axes

WALL_QSS = """
#wallPage, #wallPage QWidget {{ background-color: {background}; color: {text}; }}
#wallTitle {{ font-size: 44px; font-weight: bold; }}
#wallAsOf {{ font-size: 30px; color: {subtle}; }}
#wallRotation {{ font-size: 26px; color: {muted}; }}
#wallPanelTitle {{ font-size: 30px; font-weight: bold; color: {subtle}; padding: 4px 0; }}
#wallEmpty {{ font-size: 32px; color: {muted}; }}
#kpiTile {{ background: {surface}; }}
#kpiCaption {{ font-size: {caption}px; color: {subtle}; }}
#kpiValue {{ font-size: 64px; font-weight: bold; }}
#kpiStatus {{ font-size: {caption}px; }}
#wallAlertText {{ font-size: 36px; font-weight: bold; }}
#wallAlertIcon {{ font-size: 40px; }}
#wallAlertMore {{ font-size: 28px; color: {text}; }}
#wallAlertStrip QLabel {{ background: transparent; }}
#wallTable {{ font-size: {body}px; background: {surface}; alternate-background-color: {alternate};
    border: none; gridline-color: {grid}; }}
#wallTable QHeaderView::section {{ font-size: {caption}px; font-weight: bold; background: {header};
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
    colours = {key: hex_of(role, theme) for key, role in roles.items()}
    return WALL_QSS.format(body=BODY_PX, caption=CAPTION_PX, **colours)
