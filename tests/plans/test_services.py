"""工作要点 services: importing a plan (units resolved to the org tree, targets linked and written as the
jurisdiction's 指标目标), shares of tasks, progress reports and their review, 督办, and who may do what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.due import due_list
from fazhi.indicators.models import Comparator, Target
from fazhi.indicators.targets import save_target, targets_for
from fazhi.plans import selectors, services
from fazhi.plans.choices import EventKind, ReportStatus, Status
from fazhi.plans.models import Assignment, TaskTarget
from tests.plans.factories import import_plan, share

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def plan(tree, office):
    """青城市2025年法治政府建设工作要点 (crafted): task 2 names 各县区人民政府 and 市政府各部门; task 3 the city's
    market and police bureaus (牵头 市司法局 is not in the test tree)."""
    return import_plan(office, tree.city)


def test_import_seed_002_writes_parts_tasks_targets_and_the_years_targets(tree, office):
    p = import_plan(office, tree.city, "haidong_2024.txt", on=D(2024, 3, 25))
    assert (p.title, p.doc_number, p.issuer, p.issued_on, p.year) == (
        "海东市2024年法治政府建设工作要点",
        "东政办〔2024〕29号",
        "海东市人民政府办公室",
        D(2024, 3, 25),
        2024,
    )
    assert p.parts.count() == 9 and p.tasks.count() == 28
    assert p.tasks.get(number=16).deadline == D(2024, 12, 31)
    assert TaskTarget.objects.filter(task__plan=p).count() == 11
    assert TaskTarget.objects.filter(task__plan=p, indicator="").count() == 0
    # the ten numeric targets become the city's 2024 指标目标, each citing its item; the comparison does not
    got = {t.key: (t.comparator, t.threshold) for t in Target.objects.filter(org=tree.city, year=2024)}
    assert got == {
        "study.lectures": (Comparator.GTE, 2),
        "study.exams": (Comparator.GTE, 5),
        "enforcement.trainings": (Comparator.GTE, 1),
        "enforcement.case_file_reviews": (Comparator.GTE, 1),
        "reconsideration.typical_cases_published": (Comparator.GTE, 1),
        "litigation.sued_after_reconsideration_rate": (Comparator.LT, 30),
        "litigation.after_reconsideration_loss_rate": (Comparator.LT, 10),
        "litigation.head_appearance_rate": (Comparator.GTE, 90),
        "reconsideration.head_hearing_rate": (Comparator.GTE, 90),
        "study.court_observations": (Comparator.GTE, 1),
    }
    head = Target.objects.get(org=tree.city, year=2024, key="litigation.head_appearance_rate")
    assert head.source.startswith(f"《{p.title}》第22条：")
    assert head.source.count("2024年") == 1
    assert head.history.first().history_user == office
    # a county without targets of its own is held to the city's (各级行政机关…)
    inherited = targets_for(tree.county, 2024)["litigation.head_appearance_rate"]
    assert inherited.threshold == 90 and inherited.source.startswith("青城市人民政府：")
    with pytest.raises(ValidationError, match="已有"):
        import_plan(office, tree.city, "haidong_2024.txt")


def test_units_resolved_to_the_org_tree_or_kept_as_text(tree, plan):
    t2 = plan.tasks.get(number=2)
    assert {a.unit for a in t2.assignments.all()} == {tree.county, tree.unit_a, tree.unit_b}
    assert t2.units_text == "各县区人民政府、市政府各部门" and t2.unmatched_units == ""
    t3 = plan.tasks.get(number=3)
    assert {(a.unit, a.lead) for a in t3.assignments.all()} == {(tree.unit_a, False), (tree.unit_b, False)}
    assert t3.unmatched_units == "市司法局、市城市管理局"
    t1 = plan.tasks.get(number=1)
    assert not t1.assignments.exists() and t1.unmatched_units == "市司法局、市政府办公室"
    a = share(plan, 2, tree.unit_a)
    assert (a.deadline, a.due, a.status, a.assigned_on) == (
        D(2025, 6, 30),
        D(2025, 6, 30),
        Status.NOT_STARTED,
        D(2025, 3, 1),
    )
    assert share(plan, 3, tree.unit_a).deadline == D(2025, 12, 31)
    assert a.events.get().kind == EventKind.ASSIGNED


def test_only_the_office_imports_and_assigns(tree, plan, clerk_a, leader, county_office, office):
    for who in (clerk_a, leader, county_office):
        with pytest.raises(PermissionDenied):
            import_plan(who, tree.city, "haidong_2024.txt")
    task = plan.tasks.get(number=1)
    with pytest.raises(PermissionDenied):
        services.assign_task(actor=clerk_a, task=task, unit=tree.unit_a, on=D(2025, 3, 2))
    a = services.assign_task(actor=office, task=task, unit=tree.unit_a, on=D(2025, 3, 2), lead=True)
    assert (a.lead, a.deadline) == (True, D(2025, 12, 31))
    with pytest.raises(ValidationError, match="已承担"):
        services.assign_task(actor=office, task=task, unit=tree.unit_a, on=D(2025, 3, 2))
    with pytest.raises(ValidationError, match="不能早于下达日期"):
        services.assign_task(
            actor=office, task=task, unit=tree.unit_b, on=D(2025, 3, 2), deadline=D(2025, 1, 1)
        )


def test_report_accept_and_done(tree, plan, clerk_a, office):
    a = share(plan, 2, tree.unit_a)
    r = services.report_progress(
        case=a, actor=clerk_a, reported_on=D(2025, 4, 10), text="已完成述法安排", percent=50
    )
    a.refresh_from_db()
    assert (a.status, a.percent, a.last_reported_on, r.status) == (
        Status.IN_PROGRESS,
        0,
        D(2025, 4, 10),
        ReportStatus.SUBMITTED,
    )
    with pytest.raises(ValidationError, match="尚未审核"):
        services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 4, 11), text="再报", percent=60)
    with pytest.raises(PermissionDenied):
        services.accept_report(case=a, actor=clerk_a, reviewed_on=D(2025, 4, 12))
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 4, 12))
    a.refresh_from_db()
    assert a.percent == 50 and a.status == Status.IN_PROGRESS
    services.report_progress(
        case=a, actor=clerk_a, reported_on=D(2025, 6, 20), text="述法全覆盖", percent=100
    )
    services.accept_report(case=a, actor=office, reviewed_on=D(2025, 6, 22))
    a.refresh_from_db()
    assert (a.status, a.percent, a.completed_on) == (Status.DONE, 100, D(2025, 6, 20))
    assert [e.kind for e in a.events.all()] == [
        EventKind.ASSIGNED,
        EventKind.REPORTED,
        EventKind.ACCEPTED,
        EventKind.REPORTED,
        EventKind.DONE,
    ]
    assert a.history.count() >= 5 and a.history.first().history_user == office
    with pytest.raises(ValidationError, match="已完成"):
        services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 7, 1), text="x", percent=100)


def test_return_with_a_reason(tree, plan, clerk_a, office):
    a = share(plan, 2, tree.unit_a)
    services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 4, 10), text="进展", percent=30)
    with pytest.raises(ValidationError, match="退回理由"):
        services.return_report(case=a, actor=office, reviewed_on=D(2025, 4, 11), reason=" ")
    services.return_report(case=a, actor=office, reviewed_on=D(2025, 4, 11), reason="缺少佐证材料")
    r = a.reports.get()
    assert (r.status, r.reason) == (ReportStatus.RETURNED, "缺少佐证材料")
    a.refresh_from_db()
    assert a.percent == 0 and a.events.last().note == "缺少佐证材料"
    with pytest.raises(ValidationError, match="没有待审核"):
        services.accept_report(case=a, actor=office, reviewed_on=D(2025, 4, 12))


def test_bad_reports_are_refused(tree, plan, clerk_a, clerk_b, leader):
    a = share(plan, 3, tree.unit_a)
    with pytest.raises(PermissionDenied, match="本单位"):
        services.report_progress(case=a, actor=clerk_b, reported_on=D(2025, 4, 1), text="x", percent=10)
    with pytest.raises(PermissionDenied):
        services.report_progress(case=a, actor=leader, reported_on=D(2025, 4, 1), text="x", percent=10)
    with pytest.raises(ValidationError, match="0至100"):
        services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 4, 1), text="x", percent=120)
    with pytest.raises(ValidationError, match="不能早于任务下达日期"):
        services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 2, 1), text="x", percent=10)
    with pytest.raises(ValidationError, match="进展情况"):
        services.report_progress(case=a, actor=clerk_a, reported_on=D(2025, 4, 1), text="  ", percent=10)
    assert not a.reports.exists()


def test_urging_sets_the_reply_deadline_and_escalates(tree, plan, office, clerk_a):
    a = share(plan, 2, tree.unit_a)  # due 2025-06-30
    with pytest.raises(PermissionDenied):
        services.urge(case=a, actor=clerk_a, urged_on=D(2025, 7, 3), reply_due=D(2025, 7, 13), note="逾期")
    u = services.urge(
        case=a, actor=office, urged_on=D(2025, 7, 3), reply_due=D(2025, 7, 13), note="逾期未完成"
    )
    a.refresh_from_db()
    assert (u.level, a.urge_count, a.due, a.deadline) == (1, 1, D(2025, 7, 13), D(2025, 6, 30))
    u2 = services.urge(
        case=a, actor=office, urged_on=D(2025, 7, 20), reply_due=D(2025, 7, 27), note="再次督办"
    )
    a.refresh_from_db()
    assert (u2.level, a.due) == (2, D(2025, 7, 27))
    assert [e.kind for e in a.events.all()][-2:] == [EventKind.URGED, EventKind.ESCALATED]
    with pytest.raises(ValidationError, match="不能早于督办日期"):
        services.urge(case=a, actor=office, urged_on=D(2025, 8, 1), reply_due=D(2025, 7, 1), note="x")
    # the due-date protocol: the unit's overdue share, at its reply deadline
    overdue = due_list(clerk_a, "overdue", D(2025, 8, 1), source="plans.task")
    assert [(d.record, d.due_on, d.title, d.org) for d in overdue] == [
        (a, D(2025, 7, 27), "第2项 压实第一责任人职责（督办）", tree.unit_a)
    ]


def test_correcting_a_targets_indicator_by_hand(tree, plan, office, clerk_a):
    t = TaskTarget.objects.get(task__plan=plan, text__contains="案卷评查合格率")
    assert t.indicator == ""  # a rate: not the count of 评查
    assert (t.op, t.value, t.unit) == (">=", Decimal(95), "%")
    with pytest.raises(ValidationError, match="指标目录中没有"):
        services.set_target_indicator(actor=office, target=t, indicator="no.such")
    with pytest.raises(PermissionDenied):
        services.set_target_indicator(actor=clerk_a, target=t, indicator="enforcement.exam_pass_rate")
    services.set_target_indicator(actor=office, target=t, indicator="enforcement.exam_pass_rate")
    t.refresh_from_db()
    assert t.linked_by_hand and t.indicator == "enforcement.exam_pass_rate"
    row = Target.objects.get(org=tree.city, year=2025, key="enforcement.exam_pass_rate")
    assert (row.comparator, row.threshold) == (Comparator.GTE, 95) and "第3条" in row.source
    services.set_target_indicator(actor=office, target=t, indicator="")
    assert not Target.objects.filter(org=tree.city, year=2025, key="enforcement.exam_pass_rate").exists()


def test_targets_written_with_the_old_citation_follow_the_plan(tree, plan, office):
    """Rows cited the old way ("2025年<title>第n条") before the citation was fixed are this plan's own: a new
    sync rewrites them rather than keeping them as the office's or adding a second row."""
    rows = Target.objects.filter(org=tree.city, year=plan.year, source__startswith=f"《{plan.title}》第")
    before = {r.key: (r.source, r.threshold) for r in rows}
    assert before
    row = rows.first()
    title = plan.title.removeprefix(tree.city.short_name or "")
    legacy = f"{plan.year}年{title}第{row.source.split('》第', 1)[1]}"
    Target.objects.filter(pk=row.pk).update(source=legacy, threshold=1)
    services.sync_targets(plan=plan, actor=office)
    after = {r.key: (r.source, r.threshold) for r in Target.objects.filter(org=tree.city, year=plan.year)}
    assert after == before


def test_the_offices_own_target_is_kept(tree, office):
    save_target(
        actor=office,
        key="enforcement.trainings",
        org=tree.city,
        year=2025,
        comparator="gte",
        threshold=4,
        source="市政府常务会议确定",
    )
    import_plan(office, tree.city)
    t = Target.objects.get(org=tree.city, year=2025, key="enforcement.trainings")
    assert (t.threshold, t.source) == (4, "市政府常务会议确定")
    assert Target.objects.filter(
        org=tree.city, year=2025, key="litigation.sued_after_reconsideration_rate"
    ).exists()


def test_scope_of_reads(tree, plan, clerk_a, clerk_b, county_office, office, leader):
    mine = set(selectors.visible_cases(clerk_a).values_list("unit_id", flat=True))
    assert mine == {tree.unit_a.pk}
    assert set(selectors.visible_cases(clerk_b).values_list("unit_id", flat=True)) == {tree.unit_b.pk}
    assert set(selectors.visible_cases(county_office).values_list("unit_id", flat=True)) == {tree.county.pk}
    assert (
        selectors.visible_cases(office).count()
        == selectors.visible_cases(leader).count()
        == Assignment.objects.count()
        == 5
    )
    assert list(selectors.visible_plans(clerk_a)) == [plan]  # a unit with a share sees the plan
    assert selectors.plan_tasks(clerk_a, plan)[1].shares == [share(plan, 2, tree.unit_a)]


def test_a_plan_entered_late_in_its_year_keeps_its_past_deadlines(tree, office, clerk_a):
    """The plan of 2025 entered on 2025-11-20 (its text undated: the shares are given that day): task 2's
    6月底前 (2025-06-30) has passed. The task is imported with it, overdue at once (逾期, in the due list since
    6月30日: 143 days = 30 (July) + 31 + 30 + 31 + 20 (Nov) + 1), never 滞后."""
    import time_machine

    from fazhi.plans import rules

    today = D(2025, 11, 20)
    with time_machine.travel(today, tick=False):
        p = import_plan(office, tree.city, on=today)
        a = share(p, 2, tree.unit_a)
        assert (a.assigned_on, a.deadline, a.due, a.halfway_on) == (
            today,
            D(2025, 6, 30),
            D(2025, 6, 30),
            None,
        )
        assert rules.shown_status(a, today) == "逾期" and not rules.is_lagging(a, today)
        overdue = [d for d in due_list(clerk_a, "overdue", today, source="plans.task") if d.record == a]
        assert [(d.due_on, d.days_left) for d in overdue] == [(D(2025, 6, 30), -143)]
        # a deadline the office sets for a unit alone still cannot precede the share
        with pytest.raises(ValidationError, match="不能早于下达日期"):
            services.assign_task(
                actor=office, task=p.tasks.get(number=4), unit=tree.unit_a, on=today, deadline=D(2025, 6, 30)
            )


def test_a_deadline_before_the_plans_year_is_refused_naming_the_task(tree, office):
    from fazhi.plans.models import WorkPlan
    from fazhi.plans.parsing import parse_plan
    from tests.plans.factories import plan_text

    text = plan_text("dept_plan_arabic_units.txt").replace("6月底前", "2023年6月底前")
    with pytest.raises(ValidationError) as exc:
        services.import_plan(
            actor=office, org=tree.city, parsed=parse_plan(text), source_name="x.txt", on=D(2025, 11, 20)
        )
    assert exc.value.message_dict == {
        "deadline": ["第2项任务：完成时限（2023-06-30）早于工作要点年度（2025年），请核对原文"]
    }
    assert not WorkPlan.objects.exists()


def test_the_units_report_answers_the_urging(tree, plan, office, clerk_a):
    """督办 on the overdue share: its due date is the reply deadline (the unit's 待办期限 says 督办) until the unit
    reports progress; the report answers it and the due date goes back to the deadline."""
    a = share(plan, 2, tree.unit_a)  # due 2025-06-30
    services.urge(case=a, actor=office, urged_on=D(2025, 7, 3), reply_due=D(2025, 7, 13), note="逾期未完成")
    rows = [d for d in due_list(clerk_a, "", D(2025, 7, 5), source="plans.task") if d.record == a]
    assert [(d.due_on, d.title, d.rule) for d in rows] == [
        (D(2025, 7, 13), "第2项 压实第一责任人职责（督办）", "督办通知限期回复（报送进展即回复）")
    ]
    a.refresh_from_db()
    services.report_progress(
        case=a, actor=clerk_a, reported_on=D(2025, 7, 8), text="已完成述法八成", percent=80
    )
    a.refresh_from_db()
    assert a.due == D(2025, 6, 30) and a.urgings.get().answered_on == D(2025, 7, 8)
    rows = [d for d in due_list(clerk_a, "", D(2025, 7, 9), source="plans.task") if d.record == a]
    assert [(d.due_on, d.title, d.rule) for d in rows] == [
        (D(2025, 6, 30), "第2项 压实第一责任人职责", "工作要点任务完成时限")
    ]
    assert a.events.order_by("-id").first().note == "进度 80%（回复督办）"
