"""Korean particles (josa) chosen by the final consonant of the word before them.

``josa("케이스", "을")`` → "케이스를", ``josa("최유나", "으로")`` → "최유나로",
``josa("서울", "으로")`` → "서울로" (a ㄹ final takes 로). Digits and Latin letters are read the
way a Korean reader says them: "3" is 삼 (final ㅁ: "3을"), "10" is 십, "SLA" ends in 에이 (a
vowel: "SLA를"), "URL" ends in 엘 (ㄹ: "URL로"). A trailing parenthesised part or closing quote
is skipped: the particle agrees with the word it follows in speech ("품질 관리(QA)를").

``fill(template, **values)`` is ``str.format`` that then corrects the particle right after each
field, so translations are written naturally ("{name}을 재할당") and read right for any value.
The (으)로 / 이(가) / 을(를) workarounds are not needed anywhere.

(Kept libraries were considered: the es-hangul ports on PyPI pick particles for Hangul only and
read neither digits nor Latin letters, which our messages are full of: ids, SLA, P0, amounts.)
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # index of ㄹ among the 28 final-consonant slots

# (reading has a final consonant, that final is ㄹ)
_DIGIT = {
    "0": (True, False),  # 영
    "1": (True, True),  # 일
    "2": (False, False),  # 이
    "3": (True, False),  # 삼
    "4": (False, False),  # 사
    "5": (False, False),  # 오
    "6": (True, False),  # 육
    "7": (True, True),  # 칠
    "8": (True, True),  # 팔
    "9": (False, False),  # 구
}
# 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ), 억 (ㄱ), 조 (none) by trailing zeros
_TENS = {1: (True, False), 2: (True, False), 3: (True, False), 4: (True, False)}
_LETTER_FINAL = {"L": (True, True), "M": (True, False), "N": (True, False), "R": (True, True)}
_SKIP_TAIL = "\"')]}>」』’”»."
_PAREN = re.compile(r"\s*[(\[][^()\[\]]*[)\]]$")

# particle → (after a final consonant, after a vowel); 으로/로 also has the ㄹ rule
PAIRS: dict[str, tuple[str, str]] = {}
for _with, _without in (
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
    ("으로", "로"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("이나", "나"),
    ("이랑", "랑"),
    ("이며", "며"),
    ("이라", "라"),
    ("이라고", "라고"),
    ("이라는", "라는"),
    ("이에요", "예요"),
    ("이었", "였"),
    ("아", "야"),
):
    PAIRS[_with] = PAIRS[_without] = (_with, _without)
_RO = {"으로", "로", "으로서", "로서", "으로써", "로써"}
_LONGEST_FIRST = sorted(PAIRS, key=len, reverse=True)
_END = re.compile(r"$|[\s.,!?:;)\]'\"…·—-]")


def final_consonant(word: str) -> tuple[bool, bool]:
    """``(has a final consonant, that final is ㄹ)`` of ``word`` as a Korean reader says it."""
    text = word.rstrip()
    while True:
        stripped = _PAREN.sub("", text).rstrip(_SKIP_TAIL).rstrip()
        if stripped == text or not stripped:
            break
        text = stripped
    if not text:
        return (False, False)
    last = text[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return (final != 0, final == _RIEUL)
    if last.isdigit():
        digits = re.search(r"[\d,]+$", text).group().replace(",", "")
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros == 0 or set(digits) == {"0"}:
            return _DIGIT.get(digits[-1], (False, False))
        if zeros >= 12 and zeros % 4 == 0:
            return (False, False)  # 조
        return _TENS.get(zeros % 4 or 4, (True, False))
    if last.isascii() and last.isalpha():
        return _LETTER_FINAL.get(last.upper(), (False, False))
    if last == "%":
        return (False, False)  # 퍼센트
    return (False, False)


def particle(word: str, form: str) -> str:
    """The right form of the particle ``form`` (either spelling: "을" or "를") after ``word``."""
    pair = PAIRS.get(form)
    if pair is None:
        return form
    has_final, rieul = final_consonant(word)
    if form in _RO and rieul:
        return pair[1]
    return pair[0] if has_final else pair[1]


def josa(word: str, form: str) -> str:
    """``word`` followed by the right form of ``form``: josa("검토자", "을") → "검토자를"."""
    return word + particle(word, form)


def _fix_following(value: str, rest: str) -> str:
    """``rest`` (the text right after ``value``) with a leading particle corrected for it."""
    for form in _LONGEST_FIRST:
        if rest.startswith(form) and _END.match(rest, len(form)):
            return particle(value, form) + rest[len(form) :]
    return rest


_FORMATTER = string.Formatter()


def fill(template: str, /, *args: object, **values: object) -> str:
    """``template.format(*args, **values)`` with each particle right after a field agreeing with
    the value put there: fill("{name}을 재할당합니다", name="최유나") → "최유나를 재할당합니다".
    A particle counts only when a space, punctuation or the end follows it ("{n}가지" is left)."""
    return vfill(template, args, values)


def vfill(template: str, args: Sequence[object], values: Mapping[str, object]) -> str:
    """``fill`` with the arguments as a sequence and a mapping (like ``Formatter.vformat``; the
    mapping may supply defaults through ``__missing__``)."""
    out: list[str] = []
    auto = 0
    pending: str | None = None
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        if pending is not None:
            literal = _fix_following(pending, literal)
        out.append(literal)
        pending = None
        if field is None:
            continue
        if field == "":
            field = str(auto)
            auto += 1
        obj, _ = _FORMATTER.get_field(field, args, values)
        obj = _FORMATTER.convert_field(obj, conversion)
        text = _FORMATTER.format_field(obj, _FORMATTER.vformat(spec or "", args, values))
        out.append(text)
        pending = text
    return "".join(out)


_QT_ARG = re.compile(r"%(\d)")


def fill_qt(template: str, *args: object) -> str:
    """The same for Qt-style ``%1`` placeholders."""
    out: list[str] = []
    pos = 0
    pending: str | None = None
    for m in _QT_ARG.finditer(template):
        literal = template[pos : m.start()]
        out.append(_fix_following(pending, literal) if pending is not None else literal)
        index = int(m.group(1)) - 1
        text = str(args[index]) if 0 <= index < len(args) else m.group()
        out.append(text)
        pending = text
        pos = m.end()
    tail = template[pos:]
    out.append(_fix_following(pending, tail) if pending is not None else tail)
    return "".join(out)
