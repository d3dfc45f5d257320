"""督察, 考评 and 述法 records for tests, written through the services (as the office would)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.supervision import services
from fazhi.supervision.choices import InspectionKind, ItemMethod, ProblemSource


def inspection(
    office, tree, *, started_on=date(2025, 5, 12), units=None, title="2025年度法治政府建设实地督察"
):
    return services.start_inspection(
        actor=office,
        org=tree.city,
        title=title,
        kind=InspectionKind.ONSITE,
        started_on=started_on,
        units=units or [tree.unit_a, tree.unit_b, tree.county],
        scope="法治政府建设与责任落实情况",
        inspectors="张三、李四",
    )


def problem(
    office,
    org,
    *,
    insp=None,
    found_on=date(2025, 5, 20),
    rectify_due=date(2025, 6, 30),
    description="行政处罚案卷文书不规范",
    source=None,
):
    return services.record_problem(
        actor=office,
        org=org,
        inspection=insp,
        source=source or (ProblemSource.INSPECTION if insp else ProblemSource.CASE_REVIEW),
        category="行政执法",
        description=description,
        found_on=found_on,
        rectify_due=rectify_due,
    )


def closed_problem(office, clerk, org, **kwargs):
    p = problem(office, org, **kwargs)
    services.plan_rectification(
        case=p, actor=clerk, measures="修订文书格式，组织培训", planned_on=date(2025, 5, 25)
    )
    services.apply_closure(case=p, actor=clerk, note="已完成", applied_on=date(2025, 6, 20))
    services.approve_closure(case=p, actor=office, closed_on=date(2025, 6, 25))
    return p


def scheme(office, tree, *, year=2025, items=True):
    s = services.create_scheme(
        actor=office,
        org=tree.city,
        year=year,
        name=f"青城市{year}年度法治建设考评细则",
        adopted_on=date(year, 3, 1),
    )
    if items:
        services.add_item(
            case=s, actor=office, name="第一责任人职责", points=Decimal(20), method=ItemMethod.MANUAL
        )
        services.add_item(
            case=s,
            actor=office,
            name="督察问题整改率",
            points=Decimal(10),
            method=ItemMethod.INDICATOR,
            indicator="supervision.rectification_rate",
            op=">=",
            target=Decimal(90),
            min_sample=2,
        )
        services.add_item(
            case=s, actor=office, name="败诉扣分", points=Decimal(5), method=ItemMethod.DEDUCTION
        )
    return s


def shufa(actor, org, *, year=2024, leader="王建国", held_on=date(2025, 1, 20)):
    return services.record_shufa(
        actor=actor,
        org=org,
        year=year,
        leader=leader,
        title="局长",
        held_on=held_on,
        meeting="市委全面依法治市委员会会议暨年度述法评议会",
        summary="报告履行法治建设第一责任人职责情况",
    )
