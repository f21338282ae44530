"""Imports PySide6 and makes every later import cheaper (run first, from ``ui/__init__.py``).

Once ``PySide6.QtCore`` is imported, shiboken replaces ``builtins.__import__`` and, for every module
imported afterwards, asks ``shibokensupport.feature._mod_uses_pyside(module)`` whether the module
may use ``from __feature__ import …`` (snake_case / true_property). That check is
``"PySide6" in inspect.getsource(module)``: tokenize-decode, split and cache the whole source of
every module (SQLAlchemy, httpx, our pages …) — about 0.25 ms per module, 0.2-0.3 s of a cold start
here (PySide6 6.11, Python 3.11; known upstream, e.g. napari#8584).

:func:`speed_up_feature_scan` answers the same question by searching the source file's bytes for
``b"PySide6"`` (same answer for any ASCII-compatible source encoding; ~0.03 ms per module). Modules
without a plain ``.py`` file (built-ins, extensions, zip imports, embedded shiboken modules) keep
the original check. Nothing changes when the private hook is not there (other PySide6 versions).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs shiboken's import hook, which is patched below)

_FEATURE = "shibokensupport.feature"


def _fast_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py") and os.path.isabs(path):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    mod_uses_pyside.fast = True  # type: ignore[attr-defined]
    return mod_uses_pyside


def speed_up_feature_scan() -> bool:
    """Replace shiboken's per-import source scan by a byte search; True if it is in place."""
    feature = sys.modules.get(_FEATURE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if not getattr(original, "fast", False):
        feature._mod_uses_pyside = _fast_check(original)  # type: ignore[attr-defined]
    return True
