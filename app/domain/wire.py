"""Dataclass <-> JSON conversion for the wire format of shared/API.md.

Times are RFC 3339 UTC strings with a ``Z`` suffix, dates ISO ``YYYY-MM-DD``, enums their value.
``from_wire`` ignores keys the dataclass does not know (forward compatibility with a newer server)
and fills missing optional fields with their defaults.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


@functools.lru_cache(maxsize=16384)  # pure; a case's timeline times recur on every read
def format_time(value: datetime) -> str:
    """RFC 3339 UTC with a Z suffix; naive datetimes are taken to be UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.replace("+00:00", "Z")


@functools.lru_cache(maxsize=16384)  # pure; the same stored times are read again and again
def parse_time(text: str) -> datetime:
    """Parse RFC 3339 (``Z`` or offset); the result is always timezone-aware UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None: not a dataclass)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


def to_wire(obj: Any) -> Any:
    """Turn dataclasses, enums, datetimes and containers into JSON-ready values."""
    kind = type(obj)
    if kind in _PLAIN:  # the common case, first (the command layer converts whole cases)
        return obj
    names = _names(kind) if not isinstance(obj, type) else None
    if names is not None:
        return {name: to_wire(getattr(obj, name)) for name in names}
    if kind is list:
        return [to_wire(v) for v in obj]
    if kind is datetime:
        return format_time(obj)
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, datetime):
        return format_time(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(to_wire(k)): to_wire(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_wire(v) for v in obj]
    return obj


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    if tp is str and type(value) is str:
        return value
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        for arg in args:
            try:
                return _convert(arg, value)
            except (TypeError, ValueError, KeyError):
                continue
        return value
    if origin in (list, tuple, set, frozenset):
        (arg, *_) = typing.get_args(tp) or (Any,)
        items = [_convert(arg, v) for v in value]
        return origin(items) if origin is not list else items
    if origin is dict:
        kt, vt = typing.get_args(tp) or (Any, Any)
        return {_convert(kt, k): _convert(vt, v) for k, v in value.items()}
    if tp is Any or tp is object:
        return value
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return from_wire(tp, value)
        if issubclass(tp, Enum):
            return tp(value)
        if tp is datetime:
            return value if isinstance(value, datetime) else parse_time(value)
        if tp is date:
            return value if isinstance(value, date) else date.fromisoformat(value)
        if tp is float and isinstance(value, int | float):
            return float(value)
        if tp is int and isinstance(value, float) and value.is_integer():
            return int(value)
    return value


Convert = typing.Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> Convert:
    """A function doing exactly ``_convert(tp, value)``, built once per type (from_wire runs on
    every entity the store reads and every state the commands load)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            return functools.partial(_convert, tp)
        inner = _converter(args[0])

        def optional(value: Any) -> Any:
            if value is None:
                return None
            try:
                return inner(value)
            except (TypeError, ValueError, KeyError):
                return value

        return optional
    if origin is list:
        item = _converter((typing.get_args(tp) or (Any,))[0])
        return lambda value: None if value is None else [item(v) for v in value]
    if origin is not None or tp is int or tp is float:
        return functools.partial(_convert, tp)
    if tp is Any or tp is object or tp is str or tp is bool:
        return _same
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return lambda value: None if value is None else from_wire(tp, value)
        if issubclass(tp, Enum):
            return lambda value: None if value is None else tp(value)
        if tp is datetime:
            return lambda v: v if v is None or isinstance(v, datetime) else parse_time(v)
        if tp is date:
            return lambda v: v if v is None or isinstance(v, date) else date.fromisoformat(v)
    return functools.partial(_convert, tp)


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, Convert], ...]:
    hints = _hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def from_wire(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from a JSON object; unknown keys are ignored."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
    kwargs = {name: convert(data[name]) for name, convert in _plan(cls) if name in data}
    return cls(**kwargs)
