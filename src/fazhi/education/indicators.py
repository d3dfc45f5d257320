"""学法用法 figures, declared once (fazhi.indicators.declare): value, drill-down and comparison follow.

A jurisdiction owns the sessions of its subtree (the session's org); a unit those it organised."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.declare import Count, declare

from .choices import LEADER_KINDS, SessionKind
from .models import StudySession

session = Count.of(StudySession, jurisdiction="org", party="unit")

LEADER_SESSIONS = session("held_on", where=Q(kind__in=sorted(LEADER_KINDS)))
LECTURES = session("held_on", where=Q(kind=SessionKind.LECTURE))
HEADS_LECTURING = session("held_on", where=Q(head_lectured=True))
EXAMS = session("held_on", where=Q(kind=SessionKind.EXAM))
COURTS = session("held_on", where=Q(kind=SessionKind.COURT))

declare(
    "study.leader_sessions",
    LEADER_SESSIONS,
    formula="期间内登记的会前学法和集中学法（中心组学法）次数",
    source="education",
)
declare("study.lectures", LECTURES, formula="期间内举办的法治专题讲座场次", source="education")
declare(
    "study.heads_lecturing",
    HEADS_LECTURING,
    formula="期间内登记为主要负责人讲法的学法活动场次",
    source="education",
)
declare("study.exams", EXAMS, formula="期间内组织的学法用法考试场次", source="education")
declare(
    "study.court_observations",
    COURTS,
    formula="期间内组织领导干部旁听庭审的次数",
    source="education",
)
