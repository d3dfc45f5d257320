"""A hand-built set of obligations with known due dates for the due-date protocol tests (today = 2026-03-16, a
Monday):

| record | owed by | rule | due | on 2026-03-16 |
|---|---|---|---|---|
| R1 复议 received 2026-03-02, city ← unit A | 青城市 (受理审查, 5 working days) | acceptance_review | 2026-03-09 | overdue 7 |
| R2 复议 received 2026-03-13, city ← unit B | 青城市 | acceptance_review | 2026-03-20 | soon, 4 left |
| L1 应诉 complaint 2026-02-20, unit A | unit A (答辩, 15 days; 03-07 is a Saturday → Monday) | litigation.answer | 2026-03-09 | overdue 7 |
| L2 应诉 complaint 2026-03-06, unit B | unit B (03-21 Saturday → Monday) | litigation.answer | 2026-03-23 | soon, 7 left |
| T-B 填报 task of unit B | unit B | 填报报送期限 | 2026-03-10 | overdue 6 |
| T-A 填报 task of unit A | unit A | 填报报送期限 | 2026-03-31 | open, not yet due |
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from fazhi.collection import services as collection
from fazhi.indicators.registry import Period
from fazhi.litigation import services as lit_services
from tests import factories

TODAY = dt.date(2026, 3, 16)


def at(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    )


def build(tree, office) -> dict:
    with at(TODAY):
        r1 = factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=dt.date(2026, 3, 2), applicant="张三"
        )
        r2 = factories.register_case(
            office, org=tree.city, respondent=tree.unit_b, received_on=dt.date(2026, 3, 13), applicant="李四"
        )
        lit = {}
        for name, unit, received in (
            ("L1", tree.unit_a, dt.date(2026, 2, 20)),
            ("L2", tree.unit_b, dt.date(2026, 3, 6)),
        ):
            lit[name] = lit_services.register_case(
                actor=office,
                defendant=unit,
                court="青城市中级人民法院",
                case_number=f"（2026）青01行初{name}号",
                plaintiff="王五",
                act_type="penalty",
                act_description="罚款",
                complaint_received_on=received,
            )
        form = collection.create_form(
            actor=office,
            owner=tree.city,
            name="2025年度统计表",
            period=Period.year(2025),
            keys=["legal_services.notary_cases"],
        )
        (tb,) = collection.assign_form(
            form=form, actor=office, orgs=[tree.unit_b], due_on=dt.date(2026, 3, 10)
        )
        (ta,) = collection.assign_form(
            form=form, actor=office, orgs=[tree.unit_a], due_on=dt.date(2026, 3, 31)
        )
    return {"R1": r1, "R2": r2, "L1": lit["L1"], "L2": lit["L2"], "TB": tb, "TA": ta}
