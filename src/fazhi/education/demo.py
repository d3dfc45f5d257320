"""The demo city's 学法用法: per jurisdiction and year, 会前学法 at most executive meetings, 集中学法, 法治专题讲座,
旁听庭审, 学法用法考试 (volumes after the seed reports and the work plan's targets; some counties miss a target),
each with named attendees, and a 学法清单 per year."""

from __future__ import annotations

import datetime as dt

from fazhi.core.demoplan import DemoContext

from . import services
from .choices import SessionKind

LAWS = (
    "中华人民共和国宪法",
    "中华人民共和国行政复议法",
    "中华人民共和国行政处罚法",
    "中华人民共和国行政许可法",
    "中华人民共和国民法典",
    "中华人民共和国行政诉讼法",
    "中华人民共和国政府信息公开条例",
    "重大行政决策程序暂行条例",
    "优化营商环境条例",
    "信访工作条例",
)
TITLES = ("市长", "副市长", "秘书长", "局长", "副局长", "主任", "副主任", "科长")
# per year at scale 1, for each jurisdiction: (kind, count) — a county may fall short of a target
PLAN = {
    SessionKind.PRE_MEETING: 10,
    SessionKind.GROUP: 4,
    SessionKind.LECTURE: 3,
    SessionKind.COURT: 1,
    SessionKind.EXAM: 5,
    SessionKind.TRAINING: 2,
}


def _day(ctx: DemoContext, year: int) -> dt.date | None:
    days = [d for d in ctx.days(year) if d.weekday() < 5]
    return ctx.rng.choice(days) if days else None


def load(ctx: DemoContext) -> str:
    sessions = people = items = 0
    for org in ctx.jurisdictions():
        actor = ctx.user(org, "office")
        leaders: list[str] = []
        while len(leaders) < 8:  # eight different people (a name twice would be one attendee)
            name = ctx.person()
            if name not in leaders:
                leaders.append(name)
        for year in ctx.years:
            with ctx.on(dt.date(year, 1, 10) if dt.date(year, 1, 10) <= ctx.today else ctx.today):
                for law in ctx.rng.sample(LAWS, 5):
                    services.add_list_item(actor=actor, org=org, year=year, law=law)
                    items += 1
            for kind, per_year in PLAN.items():
                n = ctx.count(per_year, year)
                if kind in (SessionKind.LECTURE, SessionKind.COURT) and ctx.rng.random() < 0.25:
                    n = max(0, n - 1)  # this jurisdiction misses the work plan's target this year
                for i in range(n):
                    day = _day(ctx, year)
                    if day is None:
                        continue
                    law = ctx.rng.choice(LAWS)
                    speaker = ctx.rng.choice(leaders) if kind != SessionKind.EXAM else ""
                    with ctx.on(day):
                        s = services.register_session(
                            actor=actor,
                            unit=org,
                            kind=kind,
                            title=f"学习《{law}》" if kind != SessionKind.COURT else "旁听行政案件庭审",
                            held_on=day,
                            laws=law,
                            meeting=f"{org.name}政府第{i + 1}次常务会议"
                            if kind == SessionKind.PRE_MEETING
                            else "",
                            speaker=speaker,
                            head_lectured=kind == SessionKind.LECTURE and i == 0,
                            court=f"{org.name}人民法院" if kind == SessionKind.COURT else "",
                            court_case="一起行政处罚案件" if kind == SessionKind.COURT else "",
                        )
                        names = [x for x in ctx.rng.sample(leaders, 6) if x != speaker]
                        lines = [f"{name} {ctx.rng.choice(TITLES)}" for name in names]
                        services.record_attendees(case=s, actor=actor, people="\n".join(lines))
                        if kind == SessionKind.EXAM:
                            scores = "\n".join(f"{name} {ctx.rng.randint(52, 99)}" for name in names)
                            services.record_scores(case=s, actor=actor, scores=scores, pass_mark=60)
                    sessions += 1
                    people += len(names) + (1 if speaker else 0)
    return f"学法活动 {sessions} 场、参加 {people} 人次、学法清单 {items} 条"
