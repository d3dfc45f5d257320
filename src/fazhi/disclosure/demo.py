"""The demo city's 依申请公开: applications to its organs over the demo years (volumes after county and city
annual reports: tens to a few hundred a year per government), most answered on time, some after 补正, a
consultation or an extension, a few late, the recent ones open (and some overdue)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext
from fazhi.core.models import JurisdictionSetting
from fazhi.law.deadlines import compute

from . import services
from .choices import Answer, ApplicantClass, Channel

TOPICS = (
    "征收补偿方案及补偿标准",
    "某路段道路改造工程立项批复",
    "行政处罚决定书",
    "建设用地规划许可证",
    "环境影响评价批复文件",
    "农村危房改造补助名单",
    "最低生活保障审批材料",
    "政府采购合同",
)
ANSWERS = {
    Answer.DISCLOSED: 40,
    Answer.PARTIAL: 12,
    Answer.NOT_HELD: 20,
    Answer.THIRD_PARTY: 3,
    Answer.PROCESS: 4,
    Answer.PETITION: 5,
    Answer.REPEATED: 3,
    Answer.NEEDS_MAKING: 3,
}
CLASSES = {
    ApplicantClass.PERSON: 80,
    ApplicantClass.BUSINESS: 12,
    ApplicantClass.LEGAL: 5,
    ApplicantClass.NONPROFIT: 1,
    ApplicantClass.OTHER: 2,
}


def _working_after(start: dt.date, n: int) -> dt.date:
    """About `n` of the 20 working days after `start` (a demo's rough day, not a statutory one)."""
    d = compute("disclosure.reply", start).due or start
    return start + (d - start) * n // 20


def _office(ctx: DemoContext) -> None:
    """Each government's 政府信息公开工作机构 for its guide (条例第十二条第二款); the demo city is fictitious, and so
    are these addresses and numbers."""
    for i, org in enumerate(ctx.jurisdictions()):
        gov = org.name if org.name.endswith("人民政府") else f"{org.name}人民政府"
        for key, value in {
            "name": f"{gov}办公室（政务公开办）",
            "address": f"{org.name}政务服务中心{3 + i % 5}楼",
            "hours": "工作日 上午9:00—12:00，下午13:30—17:30",
            "phone": f"0871-{6610000 + 101 * i}",
            "fax": f"0871-{6620000 + 101 * i}",
            "online": f"{org.name}人民政府门户网站「政府信息公开」栏目",
        }.items():
            JurisdictionSetting.objects.update_or_create(
                org=org, key=f"disclosure.office_{key}", defaults={"value": value}
            )


def load(ctx: DemoContext) -> str:
    _office(ctx)
    total = late = 0
    for org in ctx.jurisdictions():
        units = ctx.units(org) or [org]
        for year in ctx.years:
            for _ in range(ctx.count(60 if org.parent_id is None else 25, year)):
                unit = ctx.rng.choice(units)
                days = [d for d in ctx.days(year) if d.weekday() < 5]
                received = ctx.rng.choice(days)
                actor = ctx.user(unit, "clerk", "office")
                with ctx.on(received):
                    a = services.register_application(
                        actor=actor,
                        unit=unit,
                        applicant=ctx.person(),
                        applicant_class=ctx.pick(CLASSES),
                        content=f"申请公开{ctx.rng.choice(TOPICS)}",
                        channel=ctx.pick({Channel.ONLINE: 6, Channel.POST: 3, Channel.IN_PERSON: 2}),
                        received_on=received,
                        contact="",
                    )
                total += 1
                roll = ctx.rng.random()
                if roll < 0.1:  # 补正
                    asked = _working_after(received, 4)
                    if asked > ctx.today:
                        continue
                    with ctx.on(asked):
                        services.request_correction(case=a, actor=actor, requested_on=asked)
                    back = asked + dt.timedelta(days=ctx.rng.randint(3, 12))
                    if back > ctx.today:
                        continue
                    with ctx.on(back):
                        services.record_corrected(case=a, actor=actor, corrected_on=back)
                elif roll < 0.16:  # consultation of a third party
                    sent = _working_after(received, 5)
                    if sent > ctx.today:
                        continue
                    with ctx.on(sent):
                        services.start_consultation(case=a, actor=actor, party="第三方企业", started_on=sent)
                    back = sent + dt.timedelta(days=ctx.rng.randint(7, 20))
                    if back > ctx.today:
                        continue
                    with ctx.on(back):
                        services.end_consultation(case=a, actor=actor, ended_on=back)
                elif roll < 0.2 and a.due_on and a.due_on <= ctx.today:  # extension before the period ends
                    on = _working_after(received, 18)
                    with ctx.on(on):
                        services.extend(case=a, actor=actor, days=20, extended_on=on, reason="需调取档案")
                a.refresh_from_db()
                if a.due_on is None:
                    continue
                span = (a.due_on - received).days
                answered = received + dt.timedelta(days=ctx.rng.randint(3, max(4, span)))
                if ctx.rng.random() < 0.04:
                    answered = a.due_on + dt.timedelta(days=ctx.rng.randint(1, 10))  # late
                if answered > ctx.today:
                    continue  # still open (some of these are overdue)
                with ctx.on(answered):
                    services.answer(case=a, actor=actor, answer=ctx.pick(ANSWERS), answered_on=answered)
                late += answered > a.due_on
                if ctx.rng.random() < 0.03:
                    services.record_dispute(
                        case=a,
                        actor=actor,
                        kind="review",
                        outcome="upheld",
                        on=answered + dt.timedelta(days=30),
                    )
    return f"政府信息公开申请 {total} 件（逾期答复 {late} 件）"
