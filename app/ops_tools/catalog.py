"""The ten diagnostic tools: name, who may run them, argument and answer models, labels and the
keyword tables the question router matches (Kiwi morphemes for Korean, lower-case words for
English). Held once; the server, the workstation and ``dosctl`` read it from here.

Who may run what (any one role suffices):

| tool             | agent | reviewer | senior | qa | ops_admin | supervisor | auditor |
|------------------|-------|----------|--------|----|-----------|------------|---------|
| service_health   |       |          |        |    |     x     |     x      |         |
| sync_state       |   x   |    x     |   x    | x  |     x     |     x      |    x    |
| cache_state      |   x   |    x     |   x    | x  |     x     |     x      |    x    |
| queue_health     |       |    x     |   x    |    |     x     |     x      |         |
| breaching_cases  |       |    x     |   x    |    |     x     |     x      |         |
| availability     |       |          |   x    |    |     x     |     x      |         |
| sla_today        |       |          |   x    | x  |     x     |     x      |         |
| scheduled_jobs   |       |          |        |    |     x     |            |         |
| recent_alerts    |       |    x     |   x    | x  |     x     |     x      |         |
| audit_status     |       |          |        |    |     x     |            |    x    |
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.enums import Role
from app.ops_tools import schemas as s

R = Role
EVERYONE = frozenset(Role)
FLOOR = frozenset({R.REVIEWER, R.SENIOR_REVIEWER, R.OPS_ADMIN, R.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    roles: frozenset[Role]
    args: type[s.Args]
    answer: type[s.Answer]
    title_en: str
    title_ko: str
    keywords_ko: frozenset[str]  # Kiwi morphemes (app.text.korean.morphemes)
    keywords_en: frozenset[str]  # lower-case words

    def allowed(self, roles: Iterable[Role | str]) -> bool:
        return any(Role(r) in self.roles for r in roles if r in Role._value2member_map_)

    def schema(self) -> dict:
        """JSON Schema of the arguments: what a function-calling model would be given."""
        return {
            "name": self.name,
            "description": self.title_en,
            "parameters": self.args.model_json_schema(),
        }


def _ko(*words: str) -> frozenset[str]:
    return frozenset(words)


TOOLS: tuple[Tool, ...] = (
    Tool("service_health", frozenset({R.OPS_ADMIN, R.SUPERVISOR}), s.NoArgs, s.ServiceHealth,
         "Service health", "서비스 상태",
         _ko("서버", "서비스", "헬스", "데이터베이스", "db", "리더", "인스턴스", "구독자",
             "살", "정상", "장애"),
         frozenset({"server", "service", "health", "healthy", "database", "db", "leader",
                    "instance", "instances", "subscribers", "up", "alive"})),
    Tool("sync_state", EVERYONE, s.SyncArgs, s.SyncState,
         "Sync state of this workstation", "이 워크스테이션 동기화 상태",
         _ko("동기", "동기화", "아웃박스", "반영", "실패", "커서", "지연", "밀리", "전송", "보류",
             "푸시"),
         frozenset({"sync", "synced", "syncing", "outbox", "cursor", "lag", "pending", "push",
                    "pushed", "behind", "rejected"})),
    Tool("cache_state", EVERYONE, s.NoArgs, s.CacheState,
         "Local cache state", "로컬 캐시 상태",
         _ko("캐시", "저장소", "용량", "크기", "색인", "인덱스", "행", "검색", "오프라인"),
         frozenset({"cache", "store", "storage", "size", "index", "rows", "local", "offline",
                    "disk"})),
    Tool("queue_health", FLOOR, s.WindowArgs, s.QueueHealth,
         "Queue health", "큐 상태",
         _ko("큐", "대기", "적체", "밀리", "오래", "쌓이", "대기열", "건수"),
         frozenset({"queue", "queues", "waiting", "backlog", "oldest", "piling", "wait"})),
    Tool("breaching_cases", FLOOR, s.WindowArgs, s.BreachingCases,
         "Cases breaching soon", "곧 위반될 케이스",
         _ko("위반", "임박", "케이스", "넘", "초과", "기한", "마감", "늦"),
         frozenset({"breach", "breaching", "breaches", "overdue", "cases", "case", "due",
                    "late", "deadline"})),
    Tool("availability", frozenset({R.SENIOR_REVIEWER, R.OPS_ADMIN, R.SUPERVISOR}),
         s.SkillArgs, s.Availability,
         "Who is available per skill", "스킬별 가용 인원",
         _ko("누구", "가용", "인원", "스킬", "근무", "담당자", "여유", "사람", "상담원", "검토자",
             "투입", "가능"),
         frozenset({"who", "available", "availability", "free", "skill", "skills", "staff",
                    "people", "agents", "online"})),
    Tool("sla_today", frozenset({R.SENIOR_REVIEWER, R.QA, R.OPS_ADMIN, R.SUPERVISOR}),
         s.SlaArgs, s.SlaToday,
         "SLA compliance today", "오늘 SLA 준수율",
         _ko("준수", "준수율", "sla", "목표", "달성", "오늘", "비율"),
         frozenset({"sla", "compliance", "target", "today", "met", "rate", "compliant"})),
    Tool("scheduled_jobs", frozenset({R.OPS_ADMIN}), s.NoArgs, s.ScheduledJobs,
         "Scheduled jobs", "예약 작업",
         _ko("스케줄", "스케줄러", "작업", "예약", "배치", "잡", "실행", "다음"),
         frozenset({"job", "jobs", "scheduler", "scheduled", "cron", "run", "runs", "batch",
                    "next"})),
    Tool("recent_alerts", frozenset({R.REVIEWER, R.SENIOR_REVIEWER, R.QA, R.OPS_ADMIN,
                                     R.SUPERVISOR}),
         s.AlertArgs, s.RecentAlerts,
         "Alerts in the last hours", "최근 알림",
         _ko("알림", "경보", "경고", "발생", "종류", "최근"),
         frozenset({"alert", "alerts", "alarm", "alarms", "warnings", "fired", "raised"})),
    Tool("audit_status", frozenset({R.OPS_ADMIN, R.AUDITOR}), s.NoArgs, s.AuditStatus,
         "Audit chain status", "감사 체인 상태",
         _ko("감사", "체인", "해시", "무결", "무결성", "위변조", "검증", "로그"),
         frozenset({"audit", "chain", "hash", "integrity", "tamper", "tampered", "verify",
                    "verified", "log"})),
)  # fmt: skip
BY_NAME = {t.name: t for t in TOOLS}


def tools_for(roles: Iterable[Role | str]) -> list[Tool]:
    roles = list(roles)
    return [t for t in TOOLS if t.allowed(roles)]
