"""Finding full customer identifiers in any text an API, the event stream, dosctl or a store
file gives out: one regex per kind, Korean digit words read aloud, and a literal search for the
demo's full values (read from the server-only ``customer_pii`` table)."""

from __future__ import annotations

import re

from app.rules.pii import luhn_valid

# Not glued to an ASCII word (an id, a uuid: 8-4-4-4-12 hex groups can be digits only), so
# the search finds identifiers, not random ids; Korean text right before a number still counts.
_L, _R = r"(?<![0-9A-Za-z_-])", r"(?![0-9A-Za-z_-])"
RESIDENT = re.compile(_L + r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-?[1-8]\d{6}" + _R)
PHONE = re.compile(_L + r"(?:01[016789]|02|0[3-6][1-5]|070)[- ]?\d{3,4}[- ]?\d{4}" + _R)
# hyphenated anywhere; digits only as a whole JSON string (amounts are JSON numbers)
ACCOUNT = re.compile(_L + r"\d{3}-\d{2,6}-\d{4,6}" + _R + r"|(?<=\")\d{10,14}(?=\")")
# as cards are written: 13-19 digits, 4-4-4-4(-3) in groups, or 4-6-5
CARD_RUN = re.compile(
    _L + r"(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})" + _R
)
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
