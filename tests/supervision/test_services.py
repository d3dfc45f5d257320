"""督察问题 整改 and 销号: every transition, its refusals, the audit rows and the timeline."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.supervision import services
from fazhi.supervision.choices import ProblemEventKind, ProblemSource, ProblemStatus

from . import factories as f

pytestmark = pytest.mark.django_db


def test_an_inspection_finding_goes_through_rectification_to_closure(tree, office, clerk_a):
    insp = f.inspection(office, tree)
    p = f.problem(office, tree.unit_a, insp=insp)
    assert p.status == ProblemStatus.PENDING
    assert p.jurisdiction == tree.city and p.org == tree.unit_a
    services.plan_rectification(case=p, actor=clerk_a, measures="修订文书格式", planned_on=date(2025, 5, 25))
    assert p.status == ProblemStatus.RECTIFYING
    services.report_progress(case=p, actor=clerk_a, note="已培训执法人员", reported_on=date(2025, 6, 5))
    services.apply_closure(case=p, actor=clerk_a, note="整改完成", applied_on=date(2025, 6, 20))
    assert p.status == ProblemStatus.APPLIED and p.applied_on == date(2025, 6, 20)
    services.approve_closure(case=p, actor=office, closed_on=date(2025, 6, 25))
    p.refresh_from_db()
    assert p.status == ProblemStatus.CLOSED and p.closed_on == date(2025, 6, 25)
    kinds = list(p.events.values_list("kind", flat=True))
    assert kinds == [
        ProblemEventKind.FOUND,
        ProblemEventKind.PLANNED,
        ProblemEventKind.PROGRESS,
        ProblemEventKind.APPLIED,
        ProblemEventKind.CLOSED,
    ]
    reasons = list(
        p.history.order_by("history_id").values_list("history_change_reason", "history_user__username")
    )
    assert reasons[0] == ("登记问题", "office")
    assert ("申请销号", "clerk_a") in reasons and reasons[-1] == ("销号", "office")
    assert p.version == 5


def test_the_office_refuses_closure_with_a_reason_and_the_unit_applies_again(tree, office, clerk_a):
    p = f.problem(office, tree.unit_a)
    services.plan_rectification(case=p, actor=clerk_a, measures="整改", planned_on=date(2025, 5, 25))
    services.apply_closure(case=p, actor=clerk_a, note="完成", applied_on=date(2025, 6, 1))
    with pytest.raises(ValidationError) as exc:
        services.refuse_closure(case=p, actor=office, reason="  ", refused_on=date(2025, 6, 3))
    assert "退回理由" in str(exc.value)
    services.refuse_closure(case=p, actor=office, reason="佐证材料不足", refused_on=date(2025, 6, 3))
    assert p.status == ProblemStatus.RECTIFYING and p.applied_on is None
    assert p.events.last().note == "佐证材料不足"
    services.apply_closure(case=p, actor=clerk_a, note="已补充材料", applied_on=date(2025, 6, 10))
    services.approve_closure(case=p, actor=office, closed_on=date(2025, 6, 12))
    assert p.status == ProblemStatus.CLOSED


def test_a_closed_problem_reopens_with_a_new_deadline(tree, office, clerk_a):
    p = f.closed_problem(office, clerk_a, tree.unit_a)
    with pytest.raises(ValidationError, match="新的整改期限不能早于"):
        services.reopen_problem(
            case=p,
            actor=office,
            reason="回头看发现反弹",
            reopened_on=date(2025, 9, 1),
            rectify_due=date(2025, 8, 1),
        )
    services.reopen_problem(
        case=p,
        actor=office,
        reason="回头看发现反弹",
        reopened_on=date(2025, 9, 1),
        rectify_due=date(2025, 10, 31),
    )
    assert (
        p.status == ProblemStatus.RECTIFYING and p.closed_on is None and p.rectify_due == date(2025, 10, 31)
    )


def test_transitions_out_of_order_are_refused_in_chinese(tree, office, clerk_a):
    p = f.problem(office, tree.unit_a)
    with pytest.raises(ValidationError) as exc:
        services.apply_closure(case=p, actor=clerk_a, note="完成", applied_on=date(2025, 6, 1))
    assert "当前状态为「待整改」" in str(exc.value) and "申请销号" in str(exc.value)
    with pytest.raises(ValidationError, match="不能「销号」"):
        services.approve_closure(case=p, actor=office, closed_on=date(2025, 6, 1))


def test_only_the_office_closes_a_problem_and_only_the_unit_or_office_rectifies(
    tree, office, clerk_a, clerk_b, leader
):
    p = f.problem(office, tree.unit_a)
    with pytest.raises(PermissionDenied):
        services.plan_rectification(case=p, actor=clerk_b, measures="x", planned_on=date(2025, 5, 25))
    with pytest.raises(PermissionDenied):
        services.plan_rectification(case=p, actor=leader, measures="x", planned_on=date(2025, 5, 25))
    services.plan_rectification(case=p, actor=clerk_a, measures="整改", planned_on=date(2025, 5, 25))
    services.apply_closure(case=p, actor=clerk_a, note="完成", applied_on=date(2025, 6, 1))
    with pytest.raises(PermissionDenied, match="销号由法治办审核"):
        services.approve_closure(case=p, actor=clerk_a, closed_on=date(2025, 6, 2))
    with pytest.raises(PermissionDenied):
        f.problem(clerk_a, tree.unit_a)


def test_recording_checks_dates_source_and_inspected_units(tree, office, county_office):
    insp = f.inspection(office, tree, units=[tree.unit_a])
    with pytest.raises(ValidationError, match="整改期限"):
        f.problem(office, tree.unit_a, found_on=date(2025, 6, 1), rectify_due=date(2025, 5, 1))
    with pytest.raises(ValidationError, match="不是该次督察的被督察单位"):
        f.problem(office, tree.unit_b, insp=insp)
    with pytest.raises(ValidationError, match="来源应为「法治督察」"):
        f.problem(office, tree.unit_a, insp=insp, source=ProblemSource.AUDIT)
    with pytest.raises(ValidationError, match="不能早于督察开始日期"):
        f.problem(office, tree.unit_a, insp=insp, found_on=date(2025, 5, 1))
    with pytest.raises(PermissionDenied):
        f.problem(county_office, tree.unit_a)  # another jurisdiction's office


def test_a_county_governments_problem_joins_the_citys_ledger(tree, office):
    p = f.problem(office, tree.county)
    assert p.jurisdiction == tree.city
    q = f.problem(office, tree.county_unit)
    assert q.jurisdiction == tree.county


def test_an_inspection_covers_only_its_subtree_and_concludes_once(tree, office, county_office):
    with pytest.raises(ValidationError, match="所辖"):
        services.start_inspection(
            actor=county_office,
            org=tree.county,
            title="督察",
            kind="special",
            started_on=date(2025, 5, 1),
            units=[tree.unit_a],
        )
    insp = f.inspection(office, tree)
    f.problem(office, tree.unit_a, insp=insp)
    services.conclude_inspection(case=insp, actor=office, ended_on=date(2025, 5, 30))
    assert insp.events.last().note == "发现问题 1 个"
    with pytest.raises(ValidationError, match="已结束"):
        services.conclude_inspection(case=insp, actor=office, ended_on=date(2025, 5, 31))


def test_applying_late_is_noted_on_the_timeline(tree, office, clerk_a):
    p = f.problem(office, tree.unit_a, rectify_due=date(2025, 6, 30))
    services.plan_rectification(case=p, actor=clerk_a, measures="整改", planned_on=date(2025, 5, 25))
    services.apply_closure(case=p, actor=clerk_a, note="完成", applied_on=date(2025, 7, 3))
    assert p.events.last().note.startswith("逾期完成整改（期限 2025-06-30）")
