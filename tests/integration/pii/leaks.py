"""Finding full customer identifiers in any text an API, the event stream, dosctl or a store
file gives out: one regex per kind, Korean digit words read aloud, and a literal search for the
demo's full values (read from the server-only ``customer_pii`` table)."""

from __future__ import annotations

import re

from app.rules.pii import luhn_valid

RESIDENT = re.compile(r"(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-?[1-8]\d{6}(?!\d)")
PHONE = re.compile(r"(?<![\d-])(?:01[016789]|02|0[3-6][1-5]|070)[- ]?\d{3,4}[- ]?\d{4}(?![\d-])")
# hyphenated anywhere; digits only as a whole JSON string (amounts are JSON numbers)
ACCOUNT = re.compile(r"(?<![\d-])\d{3}-\d{2,6}-\d{4,6}(?![\d-])|(?<=\")\d{10,14}(?=\")")
# not part of an id such as DEC-20261207-094123
CARD_RUN = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\d-])")
SPOKEN = re.compile(r"(?:[공영빵일이삼사오육륙칠팔구][\s,-]*){9,}")
KINDS = {"resident_id": RESIDENT, "phone": PHONE, "account_id": ACCOUNT, "spoken": SPOKEN}


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def find_leaks(text: str, full_values: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Every full identifier in ``text`` (empty when clean)."""
    found = [f"{kind}: {m.group()}" for kind, rx in KINDS.items() for m in rx.finditer(text)]
    for m in CARD_RUN.finditer(text):
        if luhn_valid(_digits(m.group())):
            found.append(f"card_number: {m.group()}")
    for value in full_values:
        for form in {value, _digits(value)}:
            if len(_digits(form)) > 4 and form in text:
                found.append(f"literal: {form}")
    return found


def find_leaks_bytes(data: bytes, full_values: list[str] | tuple[str, ...] = ()) -> list[str]:
    """:func:`find_leaks` over raw bytes (a SQLite file or its WAL): read as UTF-8 (broken
    sequences replaced), so text stored in pages is searched as written."""
    out = find_leaks(data.decode("utf-8", "replace"), ())
    for value in full_values:
        for form in {value, _digits(value)}:
            if len(_digits(form)) > 4 and form.encode() in data:
                out.append(f"literal: {form}")
    return out
