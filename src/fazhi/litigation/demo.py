"""The demo city's 行政应诉 cases (`demo_plan`, core/demoplan.py): first-instance suits (direct, or after a 复议
case: 复议后起诉) and the 二审 records that follow an appeal, over the last two full years and the current year to
date, with the volumes and mix of real annual reports (shared/seeds/).

The suits are planned with the 复议 cases from ONE random stream (fazhi.reconsideration.demo says why):
`LitPlanner` plans a suit when fazhi.demo.generator.CasePlanner draws a direct one or a 复议 case decides one
(`after_reconsideration`), and numbers it when the court's papers arrive. `load` writes this app's plans of the
run (`ctx.shared[CASE_STREAM]`): `replay` through fazhi.litigation.services, or `Folder` into rows at bench scale,
with the answer deadline from `rules` and the one validation (`rules.validate`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from fazhi.core.choices import OrgKind
from fazhi.core.demoplan import DemoContext
from fazhi.core.models import Org
from fazhi.law.choices import ActType
from fazhi.reconsideration.choices import ApplicantKind
from fazhi.reconsideration.demo import (
    ACT_TYPES,
    CASE_STREAM,
    FIELD_WEIGHTS,
    ReconPlan,
    ReconPlanner,
    Step,
    World,
    days,
    pick,
)

from . import rules, services
from .choices import Appearance, Instance, Result
from .models import CourtHearing, LitigationCase, LitigationEvent

# Volumes at --scale 1, per year, for the whole city: the seeds report 324 first-instance suits a year for a
# prefecture, 负责人出庭应诉率 95.5%–100%.
LIT_DIRECT_PER_YEAR = 140  # first-instance suits not preceded by a 复议 case
LIT_TREND = (0.95, 1.0, 0.92)  # year-on-year: suits have slightly declined
REST_DAY_FACTOR_LIT = 0.02  # court papers arrive on working days

A = ActType
# Suits lean further towards 征收, 不履行职责 and 行政协议 than 复议 applications do.
LIT_FIELD_WEIGHTS = dict(FIELD_WEIGHTS, natural_resources=24, housing=10, other=10, public_security=20)
ABSENCE_REASONS = [
    "负责人因公出差，无法出庭（法释〔2020〕3号第八条）",
    "负责人因病不能出庭（法释〔2020〕3号第八条）",
    "出庭时间与重要公务冲突，已书面说明（法释〔2020〕3号第八条）",
]


@dataclass
class LitPlan:
    defendant: Org
    court: str
    court_code: str
    stage: str
    plaintiff: str
    act_type: str
    act_description: str
    complaint_received_on: dt.date
    steps: list[Step]
    recon: ReconPlan | None = None
    case_number: str = ""
    seq: int = (
        0  # its place in the run's stream of 复议 and 应诉 plans (dates the writes: generator.ServiceWriter)
    )
    # set by the writer
    case_id: int | None = None
    case: LitigationCase | None = None

    @property
    def day(self) -> dt.date:
        return self.complaint_received_on


def courts(world: World, *, province: str, court_code: str) -> dict[str, tuple[str, str]]:
    """The courts that hear the demo's suits: "high" / "intermediate" / county code -> (court name, its code in
    case numbers)."""
    out = {
        "high": (f"{province}高级人民法院", court_code),
        "intermediate": (f"{world.root.name}中级人民法院", f"{court_code}01"),
    }
    for j in world.counties():
        out[j.code] = (f"{j.name}人民法院", f"{court_code}01{j.code[-2:]}")
    return out


class LitPlanner:
    """Plans suits from the run's one random stream, with the names, parties and acts of `recon` (the
    ReconPlanner that draws from the same stream). `schedule(plan)` queues a suit until its complaint arrives
    (fazhi.demo.generator.CasePlanner keeps the queue, in date order)."""

    def __init__(
        self,
        recon: ReconPlanner,
        *,
        courts: dict[str, tuple[str, str]],
        schedule: Callable[[LitPlan], None],
    ):
        self.recon = recon
        self.w, self.r, self.today = recon.w, recon.r, recon.today
        self.courts = courts
        self.schedule = schedule
        self._court_seq: Counter = Counter()

    def after_reconsideration(self, plan: ReconPlan, decided: dt.date, defendant: Org) -> None:
        """The suit after 复议 case `plan`, filed some days after its decision (行政诉讼法 第四十五条: within 15 days of
        receiving it)."""
        complaint = decided + days(self.r.randint(12, 40))
        lit = self.lit(
            defendant, plan.applicant_summary, plan.act_type, plan.act_description, complaint, recon=plan
        )
        self.schedule(lit)

    def number(self, plan: LitPlan) -> LitPlan:
        """Number the suit when the court's papers arrive, so numbers grow with dates."""
        year = plan.complaint_received_on.year
        kind = "初" if plan.stage == Instance.FIRST else "终"
        key = (plan.court_code, year, kind)
        # Courts number all their administrative cases; ours are a share of them.
        self._court_seq[key] += self.r.randint(1, 4)
        plan.case_number = f"（{year}）{plan.court_code}行{kind}{self._court_seq[key]}号"
        return plan

    @staticmethod
    def _titles(org: Org) -> tuple[str, str]:
        name = org.name
        if org.kind == OrgKind.CITY:
            return "市长", "副市长"
        if org.kind == OrgKind.COUNTY:
            return ("区长", "副区长") if name.endswith("区") else ("县长", "副县长")
        if org.kind == OrgKind.TOWNSHIP:
            if name.endswith("街道"):
                return "办事处主任", "办事处副主任"
            return ("镇长", "副镇长") if name.endswith("镇") else ("乡长", "副乡长")
        if name.endswith(("委员会", "办公室")):
            return "主任", "副主任"
        if name.endswith("队"):
            return "队长", "副队长"
        return "局长", "副局长"

    def court_for(self, defendant: Org, stage: str, first_court: str = "") -> tuple[str, str]:
        r = self.r
        if stage != Instance.FIRST:
            key = "high" if first_court == self.courts["intermediate"][0] else "intermediate"
            return self.courts[key]
        if defendant.kind in (OrgKind.CITY, OrgKind.COUNTY):
            return self.courts["intermediate"]  # 行政诉讼法 第十五条第一项
        counties = self.w.counties()
        home = self.w.reviewing_for(defendant)
        if home.kind != OrgKind.COUNTY:
            home = counties[0]  # the city's seat district hears suits against city departments
        if counties and r.random() < 0.35:  # 异地管辖 (跨行政区域集中管辖)
            home = r.choice(counties)
        return self.courts[home.code]

    def lit_direct(self, j: Org, day: dt.date) -> LitPlan:
        r = self.r
        fld = pick(r, LIT_FIELD_WEIGHTS)
        respondent, fld = self.recon.respondent(j, fld)
        if fld == "other" and j.kind in (OrgKind.CITY, OrgKind.COUNTY) and r.random() < 0.5:
            respondent = j  # the government itself (征收、信息公开)
        act_type = pick(
            r,
            ACT_TYPES[fld]
            if fld != "public_security"
            else {A.PENALTY: 70, A.COERCION: 10, A.INACTION: 15, A.DISCLOSURE: 5},
        )
        plaintiffs = self.recon.applicants(respondent, fld)
        plaintiff = "、".join(a["name"] for a in plaintiffs)[:200]
        first = plaintiffs[0]
        text, _ = self.recon.describe(
            fld, act_type, first["name"], person=first["kind"] == ApplicantKind.PERSON
        )
        return self.lit(respondent, plaintiff, act_type, text[:300], day)

    def lit(
        self,
        defendant: Org,
        plaintiff: str,
        act_type: str,
        text: str,
        complaint: dt.date,
        *,
        recon: ReconPlan | None = None,
        stage: str = Instance.FIRST,
        first_court: str = "",
    ) -> LitPlan:
        r = self.r
        court, code = self.court_for(defendant, stage, first_court)
        plan = LitPlan(
            defendant=defendant,
            court=court,
            court_code=code,
            stage=stage,
            plaintiff=plaintiff,
            act_type=act_type,
            act_description=text,
            complaint_received_on=complaint,
            steps=[],
            recon=recon,
        )
        steps = plan.steps
        # 行政诉讼法 第六十七条: 答辩 within 15 days; offices file near the end of the period, a few late
        # (more of the recent ones: the same year-end backlog as in 复议).
        late = self.r.random() < (0.10 if (self.today - complaint).days < 60 else 0.03)
        answered = complaint + days(r.randint(16, 25) if late else r.randint(7, 14))
        steps.append(Step(answered, "record_answer", {"answered_on": answered}))
        if stage == Instance.FIRST:
            u = r.random()
            if u < 0.08:
                result = pick(
                    r,
                    {
                        Result.REVOKE: 40,
                        Result.CONFIRM_ILLEGAL: 40,
                        Result.ORDER_PERFORMANCE: 15,
                        Result.ALTER: 3,
                        Result.CONFIRM_INVALID: 2,
                    },
                )
            else:
                result = pick(
                    r,
                    {
                        Result.DISMISS_CLAIM: 58,
                        Result.DISMISS_SUIT: 18,
                        Result.WITHDRAWN: 20,
                        Result.MEDIATED: 4,
                    },
                )
            hearing = not (
                (result == Result.WITHDRAWN and r.random() < 0.6)
                or (result == Result.DISMISS_SUIT and r.random() < 0.5)
            )
        else:
            result = pick(r, {Result.UPHOLD_APPEAL: 88, Result.REVERSED_APPEAL: 7, Result.WITHDRAWN: 5})
            hearing = r.random() < 0.45  # 二审 often 不开庭 (第八十六条)
        last = answered
        if hearing:
            for i in range(1 if r.random() > 0.08 else 2):
                last = last + days(r.randint(20, 90) if i == 0 else r.randint(20, 60))
                steps.append(Step(last, "record_hearing", {"held_on": last, **self._appearance(defendant)}))
        judged = last + days(r.randint(7, 60))
        steps.append(Step(judged, "record_judgment", {"result": result, "judged_on": judged}))
        lost = rules.is_loss(result)
        appeal = stage == Instance.FIRST and r.random() < (
            0.4 if lost else 0.35 if result in (Result.DISMISS_CLAIM, Result.DISMISS_SUIT) else 0
        )
        if appeal:
            appealed = judged + days(r.randint(5, 14))
            steps.append(Step(appealed, "record_appeal", {"appealed_on": appealed}))
            done = appealed + days(r.randint(60, 150))
            if not lost and r.random() < 0.7:
                # The plaintiff appeals; the office tracks the 二审 as its own record.
                second = self.lit(
                    defendant,
                    plaintiff,
                    act_type,
                    text,
                    appealed + days(r.randint(7, 30)),
                    recon=recon,
                    stage=Instance.SECOND,
                    first_court=court,
                )
                self.schedule(second)
                done = max(st.on for st in second.steps)
            closed = done + days(r.randint(3, 20))
        else:
            closed = judged + days(r.randint(16, 35))  # after the 15-day appeal period
        steps.append(Step(closed, "close_case", {"closed_on": closed}))
        return plan

    def _appearance(self, defendant: Org) -> dict:
        r = self.r
        head, deputies = self.recon.leader(defendant)
        t_head, t_deputy = self._titles(defendant)
        u = r.random()
        if u < 0.93:  # 行政诉讼法 第三条第三款
            if r.random() < 0.3:
                return {"appearance": Appearance.HEAD, "appearing_person": head, "appearing_title": t_head}
            return {
                "appearance": Appearance.DEPUTY,
                "appearing_person": r.choice(deputies),
                "appearing_title": t_deputy,
            }
        if u < 0.975:
            return {
                "appearance": Appearance.STAFF,
                "appearing_person": self.recon.person(),
                "appearing_title": r.choice(["法规科科长", "法制股股长", "法律顾问室主任"]),
                "absence_reason": r.choice(ABSENCE_REASONS),
            }
        if u < 0.99:
            return {
                "appearance": Appearance.LAWYER_ONLY,
                "appearing_person": self.recon.lawyer()[:100],
                "appearing_title": "律师",
            }
        return {"appearance": Appearance.ABSENT}


_LIT_ACTIONS = {
    "record_answer": "answer",
    "record_hearing": "hearing",
    "record_judgment": "judge",
    "record_appeal": "appeal",
    "close_case": "close",
}


# ---------------------------------------------------------------------------------------------------------
# Writing


def replay(
    plan: LitPlan, *, world: World, today: dt.date, at: Callable[[dt.date, int], Any]
) -> LitigationCase:
    """Replay `plan` through the services, up to today, as the office that tracks the defendant's suits (the sued
    unit's own clerk files the answer and records the hearings when it has one); `at(day, n)` dates the case's
    n-th write (its history rows) before it is made. A suit after 复议 links the case its plan's 复议 plan wrote."""
    office = world.office[world.reviewing_for(plan.defendant).id]
    clerk = world.clerk.get(plan.defendant.id)
    at(plan.complaint_received_on, 0)
    case = services.register_case(
        actor=office,
        defendant=plan.defendant,
        court=plan.court,
        case_number=plan.case_number,
        plaintiff=plan.plaintiff,
        act_type=plan.act_type,
        act_description=plan.act_description,
        complaint_received_on=plan.complaint_received_on,
        stage=plan.stage,
        reconsideration=plan.recon.case if plan.recon else None,
    )
    for n, step in enumerate(plan.steps, start=1):
        if step.on > today:
            break
        at(step.on, n)
        who = clerk if (clerk and step.action in ("record_answer", "record_hearing")) else office
        getattr(services, step.action)(case=case, actor=who, **step.kw)
    return case


class Folder:
    """Bench scale: folds plans into the rows the services would have left today (the case, its hearings, its
    events); fazhi.demo.generator.BulkWriter writes them."""

    model = LitigationCase
    event_model = LitigationEvent
    children = {
        CourtHearing: [
            "case",
            "held_on",
            "appearance",
            "appearing_person",
            "appearing_title",
            "absence_reason",
        ],
    }

    def __init__(self, world: World, today: dt.date):
        self.w = world
        self.today = today
        self._answer_due: dict[dt.date, dt.date | None] = {}

    def prepare(self, plans: list[LitPlan]) -> None:
        """Nothing to reserve: a suit carries the court's number."""

    def _answer_deadline(self, day: dt.date) -> dt.date | None:
        # litigation.services registers the suit with no answer yet, so answer_due is the 15-day period
        # from the complaint; later saves keep it.
        if day not in self._answer_due:
            d = rules.answer_deadline(SimpleNamespace(answered_on=None, complaint_received_on=day))
            self._answer_due[day] = d.due if d else None
        return self._answer_due[day]

    def fold(self, plan: LitPlan) -> tuple[LitigationCase, list, list[tuple]]:
        """The case row, its hearings and events as the services would have left them today."""
        office = self.w.office.get(self.w.reviewing_for(plan.defendant).id)
        office_id = getattr(office, "id", None)
        clerk_id = getattr(self.w.clerk.get(plan.defendant.id), "id", None)
        case = LitigationCase(
            org=self.w.jurisdiction_of[plan.defendant.id],
            defendant=plan.defendant,
            court=plan.court,
            case_number=plan.case_number,
            stage=plan.stage,
            plaintiff=plan.plaintiff,
            act_type=plan.act_type,
            act_description=plan.act_description,
            complaint_received_on=plan.complaint_received_on,
            reconsideration_id=plan.recon.case_id if plan.recon else None,
            created_by_id=office_id,
        )
        case.answer_due = self._answer_deadline(plan.complaint_received_on)
        event = rules.event
        # as services.register_case: no 复议 number a reader of the suit may not read
        events = [
            (*event(case, "register", plan.complaint_received_on, reconsidered=bool(plan.recon)), office_id)
        ]
        hearings: list[CourtHearing] = []
        for step in plan.steps:
            if step.on > self.today:
                break
            kw, a, facts, who = step.kw, step.action, {}, office_id
            if a == "record_answer":
                case.answered_on = kw["answered_on"]
                who = clerk_id or office_id
            elif a == "record_hearing":
                h = CourtHearing(
                    held_on=kw["held_on"],
                    appearance=kw["appearance"],
                    appearing_person=kw.get("appearing_person", ""),
                    appearing_title=kw.get("appearing_title", ""),
                    absence_reason=kw.get("absence_reason", ""),
                )
                hearings.append(h)
                facts, who = {"hearing": h}, clerk_id or office_id
            elif a == "record_judgment":
                case.result, case.judged_on = kw["result"], kw["judged_on"]
                case.lost = rules.is_loss(case.result)
            elif a == "record_appeal":
                case.appealed = True
            elif a == "close_case":
                case.closed_on = kw["closed_on"]
            else:  # pragma: no cover
                raise ValueError(f"unknown step {a}")
            action = _LIT_ACTIONS[a]
            case.status = rules.WORKFLOW.target(case, action)
            events.append((*event(case, action, step.on, **facts), who))
        case.hearing_count = len(hearings)
        case.first_hearing_on = min((h.held_on for h in hearings), default=None)
        case.head_appeared = any(rules.is_head_appearance(h.appearance) for h in hearings)
        if errors := rules.validate(case, hearings):  # pragma: no cover - a plan the services would refuse
            raise ValueError(f"demo plan for {case.case_number} is invalid: {errors}")
        return case, hearings, events


def load(ctx: DemoContext) -> str:
    """The demo city's suits of the run, through the services (in rows at bench scale), after fazhi.reconsideration
    's plan has written the 复议 cases that some of them follow: both come from `ctx.shared[CASE_STREAM]`
    (fazhi.demo.generator.CaseStream, one random stream for both apps)."""
    stream = ctx.shared.get(CASE_STREAM)
    if stream is None:
        raise LookupError(f"the 复议/应诉 plans are planned together: ctx.shared[{CASE_STREAM!r}] is missing")
    return f"行政应诉案件 {stream.write(LitPlan):,} 件"
