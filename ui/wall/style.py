"""The wall's own style sheet, scoped to ``#wallPage``: dark, large type for 5 m, whatever the
application theme is (a wall page opened from a desk looks like the wall)."""

WALL_QSS = """
#wallPage, #wallPage QWidget { background-color: #15191E; color: #E4E8EE; }
#wallTitle { font-size: 30pt; font-weight: bold; }
#wallAsOf { font-size: 22pt; color: #C9D1DB; }
#wallRotation { font-size: 18pt; color: #A9B3BF; }
#wallPanelTitle { font-size: 20pt; font-weight: bold; color: #C9D1DB; padding: 4px 0; }
#wallEmpty { font-size: 22pt; color: #A9B3BF; }
#kpiTile { background: #1B2027; }
#kpiCaption { font-size: 15pt; color: #C9D1DB; }
#kpiValue { font-size: 40pt; font-weight: bold; }
#kpiStatus { font-size: 15pt; }
#wallAlertText { font-size: 24pt; font-weight: bold; }
#wallAlertIcon { font-size: 28pt; }
#wallAlertMore { font-size: 20pt; color: #E4E8EE; }
#wallAlertStrip QLabel { background: transparent; }
#wallTable { font-size: 20pt; background: #1B2027; alternate-background-color: #20262E;
    border: none; gridline-color: #262D36; }
#wallTable QHeaderView::section { font-size: 15pt; font-weight: bold; background: #232A33;
    color: #C9D1DB; padding: 6px; border: none; border-right: 1px solid #2C343E; }
"""
