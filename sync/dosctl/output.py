"""dosctl output: human tables by default, ``--json`` for scripts; problems on stderr."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO

from sync.problems import ApiProblem


def _width(text: str) -> int:
    """Terminal columns: East Asian wide / full-width characters take two (Korean does)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        return ",".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return " ".join(str(value).split())


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([_width(c), *(_width(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c.upper(), w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


def record(data: dict[str, Any], keys: Sequence[str] | None = None) -> str:
    keys = list(keys or data.keys())
    width = max((_width(k) for k in keys), default=0)
    return "\n".join(f"{_pad(k, width)}  {_cell(data.get(k))}" for k in keys)


class Out:
    def __init__(self, as_json: bool, stdout: TextIO | None = None, stderr: TextIO | None = None):
        self.as_json = as_json
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr

    def emit(self, data: Any, human: str | None = None) -> None:
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False, indent=2, default=str), file=self.stdout)
        elif human is not None:
            print(human, file=self.stdout)

    def note(self, text: str) -> None:
        """A human remark (stderr, so ``--json`` output stays parseable)."""
        print(text, file=self.stderr)

    def problem(self, problem: ApiProblem | dict[str, Any], prefix: str = "error") -> None:
        p = problem if isinstance(problem, ApiProblem) else ApiProblem.from_dict(problem)
        text = f"{prefix}: {p.title or p.code} ({p.status}{', ' + p.code if p.code else ''})"
        if p.detail:
            text += f"\n  {p.detail}"
        for name, message in p.errors.items():
            text += f"\n  {name}: {_cell(message)}"
        if self.as_json:
            print(json.dumps({"error": p.to_dict()}, ensure_ascii=False), file=self.stdout)
        print(text, file=self.stderr)

    def fail(self, title: str, detail: str = "") -> None:
        if self.as_json:
            print(json.dumps({"error": {"title": title, "detail": detail}}), file=self.stdout)
        print(f"error: {title}" + (f"\n  {detail}" if detail else ""), file=self.stderr)
