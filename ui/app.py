"""Start-up and shutdown of the workstation, as one coroutine under qasync.

Order (shared/DESIGN.md "Start"): open the local store and show the last known state at once,
then sign in (demo: start the reference server on loopback first) and start the sync engine
behind the window. ``--screenshot`` waits until the first sync finished and the page's model was
filled from it, grabs the window, and returns.

Imports are ordered for a fast first paint: this module imports only what the login dialog needs.
The store (SQLAlchemy), the sync client (httpx, keyring) and the main window are imported when
they are first used — in the background while the login dialog is up (``ui.preload``), else
right after sign-in — and the sync engine is built after the window's first paint
(``benchmarks/child.py`` mode ``inbox`` mirrors this order up to that paint).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication

from app.store.paths import default_data_dir
from ui import errors, preload
from ui.early_login import EarlyLogin
from ui.first_paint import first_paint
from ui.gc_guard import freeze_start_up
from ui.login_dialog import LoginDialog
from ui.options import Options
from ui.tasks import TaskKeeper
from ui.time_zone import workstation_settings

if TYPE_CHECKING:
    from app.store.store import Store
    from sync.auth import Session
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)
DEMO_PASSWORD = "demo"
SCREENSHOT_TIMEOUT_S = 90.0
SCREENSHOT_SIZES = ((1920, 1080), (1440, 900))
FIRST_PAINT_WAIT_S = 2.0  # the sync engine starts after the window's first paint, or after this


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "default"


class Runtime:
    """Owns everything the app starts, so :meth:`shutdown` can stop it in order."""

    def __init__(
        self, app: QApplication, opts: Options, lang: str, early: EarlyLogin | None = None
    ) -> None:
        self.app, self.opts, self.lang = app, opts, lang
        self._early = early  # a sign-in dialog ui.main painted before the loop existed
        self.keeper = TaskKeeper()
        self.server: Any = None
        self.store: Store | None = None
        self.engine: Any = None
        self.window: MainWindow | None = None
        self.session: Session | None = None
        self._remember = True
        self._signed_out = False
        self.settings = workstation_settings()

    # -- sign-in --------------------------------------------------------------------------------
    async def _start_demo_server(self, data_dir: Path) -> str:
        from ui.demo import start_demo_server  # the server is optional outside demo mode

        self.server = await asyncio.to_thread(start_demo_server, data_dir)
        return self.server.url

    async def _sign_in(self) -> Session | None:
        opts = self.opts
        if opts.demo:
            from sync.auth import login

            return await login(self.server.url, opts.user, opts.password or DEMO_PASSWORD)
        from ui.options import sign_in_as

        url, user = sign_in_as(
            opts,
            str(self.settings.value("server_url", "") or ""),
            str(self.settings.value("user", "") or ""),
        )
        if url and user:
            from sync.auth import Session, load_token  # keyring: only with a remembered user

            if load_token(url, user):
                profile = self.settings.value(f"profile/{_slug(url)}/{user}", {}) or {}
                return Session(url.rstrip("/"), user, dict(profile))
        return await self.ask_login(url, user)

    async def ask_login(self, url: str = "", user: str = "") -> Session | None:
        """Show the login dialog with ``open()``; resolves when signed in or cancelled."""
        early, self._early = self._early, None
        dialog = early.dialog if early is not None else LoginDialog(url, user, self.window)
        done: asyncio.Future[Session | None] = asyncio.get_running_loop().create_future()

        async def attempt(server: str, name: str, password: str, remember: bool) -> None:
            await preload.wait_async()  # the sync client may still be importing
            from sync.auth import login
            from sync.problems import ApiProblem, NetworkError, SyncError

            try:
                session = await login(server, name, password)
            except ApiProblem as exc:
                dialog.fail(
                    QCoreApplication.translate("LoginDialog", "Sign-in refused: {why}").format(
                        why=exc.detail or exc
                    )
                )
                return
            except (NetworkError, SyncError, OSError) as exc:
                dialog.fail(
                    QCoreApplication.translate(
                        "LoginDialog", "Cannot reach the server: {why}"
                    ).format(why=exc)
                )
                return
            self._remember = remember
            if not done.done():
                done.set_result(session)
            dialog.accept()

        dialog.sig_login_requested.connect(lambda *a: self.keeper.start(attempt(*a), name="login"))
        dialog.finished.connect(lambda _r: done.done() or done.set_result(None))
        dialog.finished.connect(dialog.deleteLater)
        if early is None:
            preload.start_after_first_paint(dialog)  # import the rest while the user types
            dialog.open()
        else:  # on screen already: replay what the user did before this loop ran
            preload.start()
            requests, finished = early.hand_over()
            for args in requests:
                self.keeper.start(attempt(*args), name="login")
            if finished is not None:
                done.done() or done.set_result(None)
                dialog.deleteLater()
        return await done

    async def sign_out(self) -> None:
        """The user's "Sign out": the server revokes the token (POST /v1/auth/logout), the
        keyring forgets it, the remembered user is cleared, and the window closes (the app
        quits)."""
        from sync.auth import logout

        if self.session is not None and not self._signed_out:
            await logout(self.session.server_url, self.session.username, timeout=3.0)
            self.settings.remove("user")
            self._signed_out = True
        if self.window is not None:
            self.window.close()

    async def _relogin(self, session: Session) -> str | None:
        fresh = await self.ask_login(session.server_url, session.username)
        return fresh.token() if fresh else None

    # -- the run --------------------------------------------------------------------------------
    def _store_path(self, data_dir: Path, url: str, user: str) -> Path:
        return data_dir / _slug(url) / _slug(user) / "workstation.sqlite3"

    async def run(self, quit_event: asyncio.Event) -> int:
        opts = self.opts
        data_dir = opts.data_dir or default_data_dir()
        if opts.demo:
            data_dir = data_dir / "demo"
            shutil.rmtree(data_dir, ignore_errors=True)  # a fresh demo server, a fresh copy
            data_dir.mkdir(parents=True, exist_ok=True)
            await self._start_demo_server(data_dir)
        try:
            session = await self._sign_in()
        except Exception as exc:
            preload.wait()
            from sync.problems import ApiProblem, SyncError

            if not isinstance(exc, ApiProblem | SyncError):
                raise
            log.error("sign-in failed: %s", exc)
            return 1
        if session is None:
            return 1
        # Closing the login dialog, the only window so far, emitted lastWindowClosed, which
        # ui.main wires to quit_event: not a request to quit (the app used to exit right here).
        quit_event.clear()
        await preload.wait_async()
        from ui.bridge import SyncBridge
        from ui.context import AppContext, UserInfo
        from ui.main_window import MainWindow
        from ui.store_upgrade import open_store
        from ui.wall.kiosk import configure as configure_wall
        from widgets.clock import Clock

        self.session = session
        session.on_relogin = self._relogin
        self.settings.setValue("server_url", session.server_url)
        self.settings.setValue("user", session.username)
        self.settings.setValue(
            f"profile/{_slug(session.server_url)}/{session.username}", session.user
        )
        # an older file's upgrade steps run off the GUI thread behind a progress window
        store = await open_store(self._store_path(data_dir, session.server_url, session.username))
        if store is None:
            return 1  # a step failed; the error window named it and the file is as it was
        quit_event.clear()  # the progress window, closing, was the last window again
        self.store = store
        clock = Clock()
        bridge = SyncBridge(self.store)
        clock.set_offset_seconds(bridge.server_offset_s())
        bridge.sig_sync_finished.connect(
            lambda _at: clock.set_offset_seconds(bridge.server_offset_s())
        )
        user = UserInfo.from_wire({"id": session.username, **session.user})
        context = AppContext(
            self.store, clock, self.keeper, bridge, user, self.lang, session.server_url
        )
        window = self.window = MainWindow(context)
        window.sig_sign_out_requested.connect(
            lambda: self.keeper.start(self.sign_out(), name="sign-out")
        )
        errors.set_notifier(lambda text: window.notify(text, "critical"))
        if opts.size:
            window.resize(QSize(*opts.size))
        else:
            window.resize(1440, 900)
        configure_wall(window, opts)  # --wall / --rotate-s (ui/wall/kiosk.py)
        window.show_page(opts.page or "", opts.id)
        clock.start()
        if not (opts.screenshot or opts.screenshots):
            painted = first_paint(window)
            window.show()
            with contextlib.suppress(TimeoutError):  # the engine starts anyway
                await asyncio.wait_for(painted, FIRST_PAINT_WAIT_S)
        from sync.live import LiveHandlers  # httpx: after the window's first paint
        from sync.wiring import build_engine

        self.engine = build_engine(
            self.store,
            session,
            live_handlers=LiveHandlers(
                on_alert=bridge.on_live_alert,
                on_segment=bridge.on_live_segment,
                on_decision_step=bridge.on_live_decision_step,
            ),
            writer=bridge.writer,  # one writer thread for the engine and the user's actions
        )
        bridge.attach(self.engine)
        self.engine.start()
        freeze_start_up()  # later full collections skip start-up's objects (ui.gc_guard)
        if opts.screenshots:
            return await self._screenshots(window, opts.screenshots)
        if opts.screenshot:
            return await self._screenshot(window, opts.screenshot)
        await quit_event.wait()
        return 0

    async def _screenshot(self, window: MainWindow, path: Path) -> int:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SCREENSHOT_TIMEOUT_S
        if not await self._first_sync(window, deadline):
            return 1
        await self._settle(window.stack.currentWidget(), deadline)
        return 0 if self._grab(window, path) else 1

    async def _screenshots(self, window: MainWindow, folder: Path) -> int:
        """Every page the user may open, at each of SCREENSHOT_SIZES, as
        ``folder/{page}-{lang}-{width}x{height}.png`` (the case page on the inbox's first case,
        or on ``--id``)."""
        from ui.inbox.page import InboxPage
        from ui.navigation import allowed_pages

        loop = asyncio.get_running_loop()
        if not await self._first_sync(window, loop.time() + SCREENSHOT_TIMEOUT_S):
            return 1
        first_case, failed = self.opts.id, 0
        for spec in allowed_pages(window.context.user.roles):
            if spec.name == "case" and first_case is None:
                continue
            page = window.show_page(spec.name, first_case if spec.name == "case" else None)
            if page is None:
                continue
            await self._settle(page, loop.time() + SCREENSHOT_TIMEOUT_S)
            if isinstance(page, InboxPage) and first_case is None and page.model.rowCount():
                first_case = page.model.id_at(0)
            for width, height in SCREENSHOT_SIZES:
                window.resize(width, height)
                for _ in range(5):
                    await asyncio.sleep(0.05)
                name = f"{spec.name}-{self.lang}-{width}x{height}.png"
                failed += not self._grab(window, folder / name)
        return 1 if failed else 0

    async def _first_sync(self, window: MainWindow, deadline: float) -> bool:
        loop = asyncio.get_running_loop()
        while not window.context.bridge.first_sync_done:
            if loop.time() > deadline:
                log.error("screenshot: no sync within %s s", SCREENSHOT_TIMEOUT_S)
                return False
            await asyncio.sleep(0.1)
        return True

    async def _settle(self, page, deadline: float) -> None:
        """The page's data is loaded (the inbox's visible rows fetched; live pages wait for
        live data, e.g. a call playing) and its layout settled."""
        from ui.inbox.page import InboxPage

        loop = asyncio.get_running_loop()
        if isinstance(page, InboxPage):
            await page.reload()
            first, last = page.visible_rows()
            if first >= 0:
                page.model.row_view(last)  # rows of the visible range are fetched now
        ready = getattr(page, "screenshot_ready", None)
        while ready is not None and not ready() and loop.time() < deadline:
            await asyncio.sleep(0.2)
        page.window().show()  # offscreen platform: nothing appears, but layouts settle
        for _ in range(5):
            await asyncio.sleep(0.05)

    def _grab(self, window: MainWindow, path: Path) -> bool:
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(path), "PNG")
        log.info("screenshot %s: %s", path, "saved" if ok else "FAILED")
        return ok

    async def shutdown(self) -> None:
        errors.set_notifier(None)
        if self.engine is not None:
            await self.engine.stop()
        await self.keeper.cancel_all()
        if self.window is not None:
            self.window.context.bridge.detach()
            # the user's queued writes finish (off the loop) before the store closes
            await asyncio.to_thread(self.window.context.bridge.runner.close)
            self.window.context.clock.stop()
            self.window.close()
            self.window.deleteLater()
        signed_in = self.session is not None and not self._signed_out
        if signed_in and not self._remember and not self.opts.demo:
            from sync.auth import logout

            await logout(self.session.server_url, self.session.username, timeout=3.0)
        if self.store is not None:
            self.store.close()
        if self.server is not None:
            await asyncio.to_thread(self.server.stop)
