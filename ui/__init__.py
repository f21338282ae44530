"""The windows and pages. Importing ``ui`` imports PySide6 first (see ``ui.qt_boot``)."""

from ui.qt_boot import speed_up_feature_scan

speed_up_feature_scan()
