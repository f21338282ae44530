"""Entry point of ``reviewer-workstation`` (console script ``ui.main:main``).

Qt is started once here; the rest of the app runs as one coroutine on qasync's loop
(STYLE.md §10: ``qasync.run``, never ``app.exec()``; the coroutine waits for ``aboutToQuit``).
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.text import log_redaction
from ui import errors
from ui.early_login import EarlyLogin, show_early
from ui.font_scale import font_scale
from ui.gc_guard import GuiThreadCollector
from ui.look import apply_font, install_language, load_theme, register_fonts, system_language
from ui.options import Options, parse
from ui.time_zone import apply_time_zone, workstation_settings


def make_app(opts: Options) -> tuple[QApplication, str]:
    """The QApplication with font, theme and language applied, and garbage collection moved
    to the GUI thread (``ui.gc_guard``)."""
    if (opts.screenshot or opts.screenshots) and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    QCoreApplication.setOrganizationName("reviewer-workstation")
    QCoreApplication.setApplicationName("Reviewer Workstation")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # main_coro ends the app; the loop must outlive windows
    register_fonts()
    apply_font(app, opts.theme, font_scale(workstation_settings(), opts.font_scale))
    load_theme(app, opts.theme)
    lang = opts.lang or system_language()
    install_language(app, lang)
    apply_time_zone(workstation_settings(), opts.tz)
    if app.findChild(GuiThreadCollector) is None:  # cycles collected on the GUI thread only
        GuiThreadCollector(parent=app)
    return app, lang


async def main_coro(
    app: QApplication, opts: Options, lang: str, early: EarlyLogin | None = None
) -> int:
    import asyncio

    from ui.app import Runtime  # after QApplication exists (widgets import Qt GUI classes)

    quit_event = asyncio.Event()
    app.aboutToQuit.connect(quit_event.set)
    app.lastWindowClosed.connect(quit_event.set)
    runtime = Runtime(app, opts, lang, early)
    try:
        return await runtime.run(quit_event)
    finally:
        await runtime.shutdown()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    log_redaction.install()  # no customer identifier in the workstation's log
    opts = parse(sys.argv[1:] if argv is None else argv)
    errors.install()
    app, lang = make_app(opts)
    early = show_early(app, opts)  # the sign-in dialog on screen before asyncio is imported
    import qasync

    try:
        return int(qasync.run(main_coro(app, opts, lang, early)) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
