"""The app.services function behind each dosctl intent."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from sync.dosctl.context import CommandError

PACKAGE = "app.services"


def service(name: str) -> Callable[..., Any]:
    """``app.services.<module>.<name>`` for the first module that defines it."""
    package = importlib.import_module(PACKAGE)
    fn = getattr(package, name, None)
    if callable(fn):
        return fn
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{PACKAGE}.{info.name}")
        fn = getattr(module, name, None)
        if callable(fn) and getattr(fn, "__module__", "") == module.__name__:
            return fn
    raise CommandError(f"app.services has no {name!r}", "this action is not available yet")
