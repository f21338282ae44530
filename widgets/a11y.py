"""Keyboard and screen-reader access (issue 22), the shared pieces every page uses.

- :func:`announce` raises a ``QAccessibleAnnouncementEvent`` (Qt ≥ 6.8), polite by default and
  assertive for what must interrupt (a P0 breach, a critical alert); :func:`announcer` emits
  each one too, so the app and its tests see what a screen reader was told.
- Names: :func:`ending_in` reads a masked identifier as "ending in 4418", :func:`name_with_value`
  puts the value a sighted user reads into the name, :func:`label_for` ties a visible label to
  its field (the label's text becomes the field's name, not the enclosing group box's title).
- The keyboard model: :func:`reading_order` lists the controls Tab visits under a widget in
  visual order (rows top to bottom, side-by-side blocks left to right, a block finished before
  the next), :func:`panes` the blocks Ctrl+Tab moves between, :func:`step_focus` moves along a
  list, and :func:`tab_leaves` makes tables and multi-line fields give Tab back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QTextEdit,
    QWidget,
)

translate = QCoreApplication.translate
_POLITE = QAccessible.AnnouncementPoliteness.Polite
_ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive


class Announcer(QObject):
    """Tells the app (and tests) what was announced; one per application."""

    sig_announced = Signal(str, bool)
    """Emitted with (text, assertive) for every announcement raised."""


_ANNOUNCER: Announcer | None = None


def announcer() -> Announcer:
    global _ANNOUNCER
    if _ANNOUNCER is None:
        _ANNOUNCER = Announcer(QCoreApplication.instance())
    return _ANNOUNCER


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have screen readers speak ``text`` from ``widget``'s place in the window."""
    text = text.strip()
    if not text:
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(_ASSERTIVE if assertive else _POLITE)
    QAccessible.updateAccessibility(event)
    announcer().sig_announced.emit(text, assertive)


def announce_where_the_user_is(text: str, *, assertive: bool = False) -> None:
    """:func:`announce` from the focused control (where the user acted), else the active
    window, else any shown window; only the app (and tests) hear it when no window is shown."""
    app = QApplication.instance()
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    if widget is None and isinstance(app, QApplication):
        widget = next((w for w in QApplication.topLevelWidgets() if w.isVisible()), None)
    if widget is not None:
        announce(widget, text, assertive=assertive)
    elif text.strip():
        announcer().sig_announced.emit(text.strip(), assertive)


# -- names --------------------------------------------------------------------------------------
_MASK = re.compile(r"[•*●·xX#]{2,}[\s\-]*(\w{2,6})\s*$")


def ending_in(masked: str) -> str:
    """ "•••-••••-4418" → "ending in 4418" (Korean "끝자리 4418"); other text unchanged."""
    match = _MASK.search(masked or "")
    if not match:
        return masked
    return translate("Accessibility", "ending in {last}").format(last=match.group(1))


def name_with_value(name: str, value: str) -> str:
    """A name that carries the value a sighted user reads: "Last sync: 21:28"."""
    value = (value or "").strip() or "—"
    return translate("Accessibility", "{name}: {value}").format(name=name, value=value)


def strip_mnemonic(text: str) -> str:
    return re.sub(r"&(?!&)", "", text).replace("&&", "&").rstrip(": ").strip()


def label_for(label: QLabel, field: QWidget) -> None:
    """The visible ``label`` names ``field`` (buddy for Alt+key, and the accessible name)."""
    label.setBuddy(field)
    field.setAccessibleName(strip_mnemonic(label.text()))


def set_name(widget: QWidget, name: str, description: str = "") -> None:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


# -- the keyboard model -------------------------------------------------------------------------
_PARTS = (QAbstractItemView, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)
"""Controls whose child widgets are their own parts (viewport, scroll bars, inner line edit)."""


def _target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def _tabbable(widget: QWidget, root: QWidget) -> bool:
    if not widget.isVisibleTo(root) or not widget.isEnabled():
        return False
    target = _target(widget)
    if target.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus:
        return False
    if isinstance(widget, QRadioButton) and not widget.isChecked():
        # one stop per radio group: the checked button (arrow keys move inside the group)
        return not any(b.isChecked() for b in _radio_siblings(widget))
    return True


def _radio_siblings(button: QRadioButton) -> list[QAbstractButton]:
    group: QButtonGroup | None = button.group()
    if group is not None:
        return [b for b in group.buttons() if b is not button]
    if button.autoExclusive() and button.parentWidget() is not None:
        return [
            b
            for b in button.parentWidget().findChildren(
                QRadioButton, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if b is not button
        ]
    return []


def _rows(children: Sequence[QWidget]) -> list[QWidget]:
    """Siblings in reading order: bands of vertically overlapping blocks, each left to right."""
    ordered = sorted(children, key=lambda w: (w.geometry().top(), w.geometry().left()))
    result: list[QWidget] = []
    band: list[QWidget] = []
    bottom = None
    for child in ordered:
        rect: QRect = child.geometry()
        if band and bottom is not None and rect.top() < bottom:
            band.append(child)
            bottom = max(bottom, rect.bottom())
            continue
        result.extend(sorted(band, key=lambda w: w.geometry().left()))
        band, bottom = [child], rect.bottom()
    result.extend(sorted(band, key=lambda w: w.geometry().left()))
    return result


def _children(widget: QWidget, root: QWidget) -> list[QWidget]:
    return [
        child
        for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not child.isWindow() and child.isVisibleTo(root)
    ]


def reading_order(root: QWidget) -> list[QWidget]:
    """The controls Tab visits under ``root`` (``root`` included), in visual order."""
    found: list[QWidget] = []

    def visit(widget: QWidget) -> None:
        if _tabbable(widget, root):
            target = _target(widget)
            if target not in found:
                found.append(target)
        if isinstance(widget, _PARTS):
            return
        for child in _rows(_children(widget, root)):
            visit(child)

    if root.isVisibleTo(root.window()) or root.isWindow():
        visit(root)
    return found


def panes(root: QWidget) -> list[QWidget]:
    """The blocks Ctrl+Tab moves between: going down from ``root`` through single blocks, the
    first level that holds two or more blocks with controls in them (in reading order)."""
    widget = root
    while True:
        blocks = [c for c in _rows(_children(widget, root)) if reading_order_under(c, root)]
        if len(blocks) != 1 or isinstance(blocks[0], _PARTS) or _tabbable(blocks[0], root):
            return blocks or [root]
        widget = blocks[0]


def reading_order_under(widget: QWidget, root: QWidget) -> list[QWidget]:
    return [w for w in reading_order(root) if w is widget or widget.isAncestorOf(w)]


def step_focus(order: Sequence[QWidget], current: QWidget | None, forward: bool) -> QWidget | None:
    """The control after (or before) ``current`` in ``order``, wrapping around."""
    if not order:
        return None
    index = -1
    if current is not None:
        exact = [i for i, widget in enumerate(order) if widget is current]
        index = exact[0] if exact else -1
    if index < 0 and current is not None:
        for i, widget in enumerate(order):
            if widget is current or widget.isAncestorOf(current):
                index = i
                break
    if index < 0:
        return order[0] if forward else order[-1]
    return order[(index + (1 if forward else -1)) % len(order)]


class _TabLeaver(QObject):
    """Hands Tab to the window for a control that would keep it (a date-time edit moves
    between its sections on Tab; arrows and the mouse still do that)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            key = event.key()
            plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
                window = watched.window()
                forward = key == Qt.Key.Key_Tab and not event.modifiers()
                if hasattr(window, "focus_order"):
                    return bool(window.focusNextPrevChild(forward))
        return False


_LEAVER: _TabLeaver | None = None


def _leaver() -> _TabLeaver:
    global _LEAVER
    if _LEAVER is None:
        _LEAVER = _TabLeaver(QCoreApplication.instance())
    return _LEAVER


def tab_leaves(widgets: Iterable[QWidget]) -> None:
    """Tab and Shift+Tab leave tables, multi-line fields and date-time edits (arrows move
    inside a table or between a date's parts)."""
    for widget in widgets:
        if isinstance(widget, QDateTimeEdit):
            inner = widget.findChild(QLineEdit)
            for part in (widget, inner):
                if part is not None and not part.property("a11yTabLeaves"):
                    part.installEventFilter(_leaver())
                    part.setProperty("a11yTabLeaves", True)
        elif isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            widget.setTabChangesFocus(True)


def tab_leaves_under(root: QWidget) -> None:
    """:func:`tab_leaves` for everything under ``root``; a scroll area whose content has
    controls is no stop of its own (Tab goes into the content)."""
    for area in root.findChildren(QScrollArea):
        inner = area.widget()
        if inner is not None and any(
            w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            for w in inner.findChildren(QWidget)
        ):
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tab_leaves(root.findChildren(QAbstractItemView))
    tab_leaves(root.findChildren(QTextEdit))
    tab_leaves(root.findChildren(QPlainTextEdit))
    tab_leaves(root.findChildren(QDateTimeEdit))
