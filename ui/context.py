"""What every page may use: the store, the shared clock, the task keeper, the signed-in user,
the sync bridge and its operation runner. One per window; built by ``ui.app``."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.enums import Role
from app.store.store import Store
from ui.bridge import SyncBridge
from ui.runner import OperationRunner
from ui.tasks import TaskKeeper
from widgets.clock import Clock


@dataclass
class UserInfo:
    id: str
    display_name: str
    roles: list[Role] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)

    @classmethod
    def from_wire(cls, data: dict) -> UserInfo:
        roles = [Role(r) for r in data.get("roles") or [] if r in Role._value2member_map_]
        return cls(
            id=str(data.get("id") or data.get("username") or ""),
            display_name=str(data.get("display_name") or data.get("id") or ""),
            roles=roles,
            skills=list(data.get("skills") or []),
        )


@dataclass
class AppContext:
    store: Store
    clock: Clock
    keeper: TaskKeeper
    bridge: SyncBridge
    user: UserInfo
    lang: str = "ko"
    server_url: str = ""

    @property
    def runner(self) -> OperationRunner:
        """The operation runner every user action goes through (``ui.runner``)."""
        return self.bridge.runner
