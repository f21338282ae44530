"""What a store transaction changed, announced once it has committed.

A write notes the entity ids it touches on its session (:func:`note`: ``write_local`` does for
every optimistic change and undo, ``delete_entity`` for a removal, ``enqueue`` for a new outbox
row under :data:`OUTBOX` and its case). ``Store.transaction`` hands the
notes of a committed transaction to each :func:`collecting` block open on the same thread and
drops them on a rollback, so nothing is announced that did not happen. The workstation's
operation runner (``ui.runner``) runs a service inside ``collecting()`` on the writer thread and
tells the UI the ids afterwards; pulled pages report theirs through the puller's result.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

_KEY = "changed_ids"
OUTBOX = "outbox"
"""The pseudo-kind under which ``enqueue`` notes the outbox rows a transaction added."""
_local = threading.local()


@dataclass
class Changes:
    """Entity kind (``EntityKind`` value) → the ids a committed transaction wrote."""

    entities: dict[str, set[str]] = field(default_factory=dict)

    def add(self, kind: Any, ids: Iterable[str]) -> None:
        self.entities.setdefault(str(getattr(kind, "value", kind)), set()).update(map(str, ids))

    def merge(self, other: Changes) -> None:
        for kind, ids in other.entities.items():
            self.add(kind, ids)

    def ids(self, kind: Any) -> set[str]:
        return set(self.entities.get(str(getattr(kind, "value", kind)), set()))

    def __bool__(self) -> bool:
        return any(self.entities.values())


def note(session: Any, kind: Any, entity_id: str) -> None:
    """Record that this session's transaction wrote ``kind`` ``entity_id``."""
    session.info.setdefault(_KEY, Changes()).add(kind, [entity_id])


def committed(session: Any) -> None:
    """The session's transaction committed: hand its notes to the open ``collecting`` blocks."""
    changes = session.info.pop(_KEY, None)
    if changes:
        for collector in getattr(_local, "stack", ()):
            collector.merge(changes)


def discard(session: Any) -> None:
    """The session's transaction rolled back: forget its notes."""
    session.info.pop(_KEY, None)


@contextmanager
def collecting() -> Iterator[Changes]:
    """Gather what the transactions committed on this thread inside the block."""
    stack: list[Changes] = _local.__dict__.setdefault("stack", [])
    collector = Changes()
    stack.append(collector)
    try:
        yield collector
    finally:
        stack.remove(collector)
