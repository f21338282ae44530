"""Change <translation> texts of resources/i18n/ko.ts in place, leaving every other line alone
(no pyside6-lupdate run: its rewritten <location> lines would conflict with parallel work).

    python scripts/ts_translate.py EDITS.py   # EDITS.py defines EDITS = {(context, source): text}
"""

from __future__ import annotations

import re
import runpy
import sys
from html import escape, unescape
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "ko.ts"
_CONTEXT = re.compile(r"<context>.*?</context>", re.S)
_MESSAGE = re.compile(r"<message>.*?</message>", re.S)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
_TRANSLATION = re.compile(r"<translation([^>]*)>(.*?)</translation>", re.S)


def _xml(text: str) -> str:
    return escape(text, quote=False)


def apply(text: str, edits: dict[tuple[str, str], str]) -> tuple[str, set[tuple[str, str]]]:
    done: set[tuple[str, str]] = set()

    def context(m: re.Match) -> str:
        block = m.group()
        name = unescape(re.search(r"<name>(.*?)</name>", block).group(1))

        def message(mm: re.Match) -> str:
            msg = mm.group()
            source = unescape(_SOURCE.search(msg).group(1))
            new = edits.get((name, source))
            if new is None:
                return msg
            done.add((name, source))
            return _TRANSLATION.sub(
                lambda t: f"<translation{t.group(1)}>{_xml(new)}</translation>", msg, count=1
            )

        return _MESSAGE.sub(message, block)

    return _CONTEXT.sub(context, text), done


def main() -> None:
    edits = runpy.run_path(sys.argv[1])["EDITS"]
    text, done = apply(TS.read_text(encoding="utf-8"), edits)
    TS.write_text(text, encoding="utf-8")
    missing = set(edits) - done
    for key in sorted(missing):
        print("not found:", key)
    print(f"{len(done)} messages set")


if __name__ == "__main__":
    main()
