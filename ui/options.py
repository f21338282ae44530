"""Command-line options of ``reviewer-workstation``."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ui.font_scale import parse_scale
from ui.look import LANGUAGES, THEME_NAMES
from ui.page_table import PAGES


@dataclass
class Options:
    demo: bool = False
    user: str = "reviewer1"
    user_given: bool = False  # --user on the command line (beats the remembered user)
    server: str | None = None
    data_dir: Path | None = None
    lang: str | None = None
    theme: str = "light"
    page: str | None = None
    id: str | None = None
    screenshot: Path | None = None
    screenshots: Path | None = None
    size: tuple[int, int] | None = None
    password: str | None = None
    wall: bool = False  # kiosk: full screen, no navigation (ui/wall/kiosk.py)
    screen: int | None = None
    rotate_s: float = 20.0
    tz: str | None = None  # display time zone for this run (ui/time_zone.py)
    font_scale: float | None = None  # text size factor for this run (ui/font_scale.py)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        return int(w), int(h)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from exc


def _zone(text: str) -> str:
    from app.rules.zone import zone_named  # only when --tz is given: not on the way to sign-in

    try:
        return zone_named(text).key
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _scale(text: str) -> float:
    try:
        return parse_scale(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def parse(argv: list[str] | None) -> Options:
    p = argparse.ArgumentParser(
        prog="reviewer-workstation",
        description="Case inbox, live calls and decisions for HITL operations teams.",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="start the reference server with demo data on loopback and sign in",
    )
    p.add_argument(
        "--user",
        help="user to sign in as (--demo: directly, default reviewer1; --server: instead of "
        "the remembered user)",
    )
    p.add_argument("--server", help="backend URL (e.g. https://reviews.example.com)")
    p.add_argument("--data-dir", type=Path, help="where the local store lives")
    p.add_argument("--lang", choices=LANGUAGES, help="ko or en (default: system, else ko)")
    p.add_argument("--theme", choices=THEME_NAMES, default="light")
    p.add_argument(
        "--tz",
        type=_zone,
        help="time zone times are shown in, e.g. Europe/Berlin (default: the setting, else "
        "Asia/Seoul); business rules keep Korean time",
    )
    p.add_argument(
        "--font-scale",
        type=_scale,
        metavar="FACTOR",
        help="text size on top of the desktop's, e.g. 2 or 200%% (default: the setting, else "
        "100%%)",
    )
    p.add_argument("--page", choices=[page.name for page in PAGES], help="page to open")
    p.add_argument("--id", help="entity id for --page (a case id for case)")
    p.add_argument(
        "--screenshot",
        type=Path,
        help="render the page offscreen after data loaded, save PNG, exit",
    )
    p.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="render every page the user may open at 1920x1080 and 1440x900 offscreen after "
        "data loaded, save DIR/PAGE-LANG-WxH.png, exit",
    )
    p.add_argument("--size", type=_size, help="window size WIDTHxHEIGHT")
    p.add_argument("--wall", action="store_true", help="wall kiosk: full screen, no navigation")
    p.add_argument("--screen", type=int, help="screen number (0-based) for --wall")
    p.add_argument("--rotate-s", type=float, default=20.0, help="wall panel rotation seconds")
    ns = p.parse_args(argv)
    size = ns.size or ((1600, 1000) if ns.screenshot else None)
    return Options(
        demo=ns.demo,
        user=ns.user or "reviewer1",
        user_given=ns.user is not None,
        server=ns.server,
        data_dir=ns.data_dir,
        lang=ns.lang,
        theme=ns.theme,
        page=ns.page,
        id=ns.id,
        screenshot=ns.screenshot,
        screenshots=ns.screenshots,
        size=size,
        wall=ns.wall,
        screen=ns.screen,
        rotate_s=ns.rotate_s,
        tz=ns.tz,
        font_scale=ns.font_scale,
    )


def sign_in_as(opts: Options, remembered_url: str, remembered_user: str) -> tuple[str, str]:
    """(server URL, user name) to sign in with outside demo mode: ``--server`` and ``--user``
    beat what the last session remembered; a remembered user is kept only for its own server."""
    url = (opts.server or remembered_url or "").rstrip("/")
    same_server = url == (remembered_url or "").rstrip("/")
    if opts.user_given:
        return url, opts.user
    return url, remembered_user if same_server else ""
