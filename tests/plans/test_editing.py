"""Editing a plan's tasks by hand: wording, deadline, recurrence, responsible units (the shares follow), targets
(value, comparison, linked figure), adding and removing tasks; through the services and the pages, audited, with
the plan's version checked and the office's right required; work already done on a share protects it."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.locking import STALE_MESSAGE
from fazhi.indicators.models import Comparator, Target
from fazhi.plans import services
from fazhi.plans.models import Assignment, PlanTask, TaskTarget, WorkPlan
from tests.plans.factories import import_plan, share

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def plan(tree, office):
    """The crafted 青城市2025 plan: task 3 (2025年底前) is shared by units A and B; task 4 has two targets."""
    return import_plan(office, tree.city)


def _edit(office, task, **changes):
    plan = WorkPlan.objects.get(pk=task.plan_id)
    shares = Assignment.objects.filter(task=task)
    args = {
        "number": task.number,
        "title": task.title,
        "text": task.text,
        "deadline": task.deadline,
        "recurrence": task.recurrence,
        "part": task.part,
        "leads": [a.unit for a in shares if a.lead],
        "units": [a.unit for a in shares if not a.lead],
        "version": plan.version,
        "on": D(2025, 4, 1),
    }
    args.update(changes)
    return services.update_task(actor=office, task=task, **args)


def test_editing_a_task_moves_its_shares_with_it(tree, office, plan):
    task = plan.tasks.get(number=3)
    assert {a.unit for a in task.assignments.all()} == {tree.unit_a, tree.unit_b}
    version = plan.version
    _edit(
        office,
        task,
        title="规范行政执法行为",
        deadline=D(2025, 9, 30),
        recurrence="quarterly",
        leads=[tree.unit_a],
        units=[tree.county],
    )
    task.refresh_from_db()
    assert (task.title, task.deadline, task.recurrence) == ("规范行政执法行为", D(2025, 9, 30), "quarterly")
    assert (task.lead_units_text, task.units_text) == ("青城市市场监督管理局", "青城县人民政府")
    a = share(plan, 3, tree.unit_a)
    assert a.lead and (a.deadline, a.due) == (D(2025, 9, 30), D(2025, 9, 30))  # followed the task's deadline
    county = share(plan, 3, tree.county)
    assert (county.assigned_on, county.deadline, county.lead) == (D(2025, 4, 1), D(2025, 9, 30), False)
    assert not Assignment.objects.filter(task=task, unit=tree.unit_b).exists()  # taken off: nothing done
    plan.refresh_from_db()
    assert plan.version == version + 1
    # audited: who and why, for the task and the share taken off
    h = task.history.first()
    assert (h.history_user, h.history_change_reason) == (office, "修改工作任务")
    gone = Assignment.history.filter(unit=tree.unit_b, history_type="-").get()
    assert (gone.history_user, gone.history_change_reason) == (office, "调整任务责任单位")


def test_a_form_filled_before_another_change_is_refused(office, plan):
    task = plan.tasks.get(number=3)
    stale = plan.version
    _edit(office, task, title="第一次修改")
    with pytest.raises(ValidationError, match=STALE_MESSAGE):
        _edit(office, task, title="第二次修改", version=stale)
    task.refresh_from_db()
    assert task.title == "第一次修改"


def test_work_done_on_a_share_protects_it_and_its_task(tree, office, clerk_b, plan):
    task = plan.tasks.get(number=3)
    services.report_progress(
        case=share(plan, 3, tree.unit_b), actor=clerk_b, reported_on=D(2025, 4, 2), text="已部署", percent=20
    )
    with pytest.raises(ValidationError, match="不能取消以下单位的分工：青城市公安局已报送进展"):
        _edit(office, task, units=[tree.unit_a])
    assert Assignment.objects.filter(task=task).count() == 2  # all or nothing
    with pytest.raises(ValidationError, match="第3项任务不能删除：青城市公安局已报送进展"):
        services.delete_task(actor=office, task=task, version=WorkPlan.objects.get(pk=plan.pk).version)
    assert PlanTask.objects.filter(pk=task.pk).exists()
    # a done share keeps its own deadline when the task's moves
    a = share(plan, 3, tree.unit_a)
    Assignment.objects.filter(pk=a.pk).update(status="done", completed_on=D(2025, 4, 3), percent=100)
    _edit(office, plan.tasks.get(number=3), deadline=D(2025, 10, 31))
    assert share(plan, 3, tree.unit_a).deadline == D(2025, 12, 31)
    assert share(plan, 3, tree.unit_b).deadline == D(2025, 10, 31)


def test_adding_and_deleting_a_task(tree, office, plan):
    part = plan.parts.get(number=2)
    task = services.add_task(
        actor=office,
        plan=plan,
        number=9,
        part=part,
        title="开展行政执法案卷评查",
        text="开展行政执法案卷评查，合格率不低于90%。",
        deadline=D(2025, 11, 30),
        leads=[tree.unit_b],
        units=[tree.unit_a],
        version=plan.version,
        on=D(2025, 4, 1),
    )
    assert task.part == part and task.lead_units_text == "青城市公安局"
    assert [(a.unit, a.lead, a.deadline) for a in task.assignments.order_by("-lead")] == [
        (tree.unit_b, True, D(2025, 11, 30)),
        (tree.unit_a, False, D(2025, 11, 30)),
    ]
    t = task.targets.get()
    assert (t.op, t.value, t.unit) == (">=", Decimal(90), "%")
    with pytest.raises(ValidationError, match="序号 9 已有任务"):
        services.add_task(actor=office, plan=plan, number=9, title="重复", text="", version=None)
    pk = task.pk
    services.delete_task(actor=office, task=task, version=WorkPlan.objects.get(pk=plan.pk).version)
    assert not PlanTask.objects.filter(pk=pk).exists()
    assert not TaskTarget.objects.filter(pk=t.pk).exists()
    assert not Assignment.all_objects.filter(task_id=pk).exists()
    assert PlanTask.history.filter(id=pk, history_type="-").get().history_change_reason == "删除工作任务"


def test_targets_edited_by_hand_follow_into_the_years_targets(tree, office, plan):
    task = plan.tasks.get(number=4)
    rate = task.targets.get(op="<=")
    assert rate.indicator == "litigation.sued_after_reconsideration_rate"
    v = WorkPlan.objects.get(pk=plan.pk).version
    services.save_target(
        actor=office, task=task, target=rate, text="经行政复议后起诉比例控制在20%以内", op="<=",
        value=Decimal(20), unit="%", indicator=rate.indicator, version=v,
    )  # fmt: skip
    row = Target.objects.get(org=tree.city, year=2025, key="litigation.sued_after_reconsideration_rate")
    assert (row.comparator, row.threshold) == (Comparator.LTE, Decimal(20))
    added = services.save_target(
        actor=office, task=task, text="出庭应诉率达到100%", op=">=", value=Decimal(100), unit="%",
        indicator="litigation.head_appearance_rate", version=None,
    )  # fmt: skip
    assert added.linked_by_hand
    assert Target.objects.filter(org=tree.city, year=2025, key="litigation.head_appearance_rate").exists()
    for kwargs, message in [
        ({"op": ">=", "value": None}, "请填写目标值"),
        ({"op": ">=", "value": Decimal(120), "unit": "%"}, "百分比目标值不能超过100"),
        ({"op": ">=", "value": Decimal(1), "indicator": "no.such"}, "指标目录中没有"),
        ({"op": "~", "value": Decimal(1)}, "比较方式不在可选范围内"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.save_target(actor=office, task=task, text="x", **kwargs)
    services.remove_target(actor=office, target=added, version=None)
    assert not Target.objects.filter(org=tree.city, year=2025, key="litigation.head_appearance_rate").exists()


def test_only_the_plans_office_edits_its_tasks(tree, office, clerk_a, leader, county_office, plan):
    task = plan.tasks.get(number=3)
    for user in (clerk_a, leader, county_office):
        with pytest.raises(PermissionDenied):
            _edit(user, task, title="越权修改")
        with pytest.raises(PermissionDenied):
            services.delete_task(actor=user, task=task)
        with pytest.raises(PermissionDenied):
            services.save_target(actor=user, task=task, text="x", op="cmp", value=None)
    county_plan = import_plan(county_office, tree.county)  # another jurisdiction: units of the city refused
    with pytest.raises(ValidationError, match="责任单位应属于本行政区划"):
        _edit(office, county_plan.tasks.get(number=3), units=[tree.unit_a])


# -- pages ----------------------------------------------------------------------------------------------------


@time_machine.travel(datetime(2025, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_task_page_edits_the_task_and_its_targets(tree, office, login, plan):
    c = login(office)
    task = plan.tasks.get(number=3)
    page = c.get(f"/plans/plans/{plan.pk}/").content.decode()
    assert f"/plans/tasks/{task.pk}/edit/" in page and f"/plans/plans/{plan.pk}/tasks/new/" in page
    r = c.get(f"/plans/tasks/{task.pk}/edit/")
    html = r.content.decode()
    assert r.status_code == 200 and "修改第3项任务" in html
    assert 'data-depth="2"' in html and "└ 青城县市场监督管理局" in html  # the org tree selector
    version = WorkPlan.objects.get(pk=plan.pk).version
    data = {
        "version": version,
        "number": 3,
        "part": task.part_id,
        "title": "规范执法",
        "text": task.text,
        "deadline": "2025-10-31",
        "recurrence": "",
        "leads": [tree.unit_a.pk],
        "units": [tree.unit_b.pk, tree.county.pk],
        "unmatched_units": "",
    }
    r = c.post(f"/plans/tasks/{task.pk}/edit/", data)
    assert r.status_code == 302, re.findall(
        r"(?:invalid-feedback d-block|alert-danger)\">([^<]+)", r.content.decode()
    )
    task.refresh_from_db()
    assert task.title == "规范执法" and task.unmatched_units == ""
    assert set(task.assignments.values_list("unit", flat=True)) == {
        tree.unit_a.pk,
        tree.unit_b.pk,
        tree.county.pk,
    }
    # the same form sent again carries the old version: refused, the typed values kept
    r = c.post(f"/plans/tasks/{task.pk}/edit/", {**data, "title": "再改"})
    assert (
        r.status_code == 200 and STALE_MESSAGE in r.content.decode() and 'value="再改"' in r.content.decode()
    )
    # a target edited, added and deleted on the page
    version = WorkPlan.objects.get(pk=plan.pk).version
    r = c.post(
        f"/plans/tasks/{task.pk}/targets/new/",
        {"new-version": version, "new-text": "案卷评查合格率不低于98%", "new-op": ">=", "new-value": "98",
         "new-unit": "%", "new-indicator": ""},
    )  # fmt: skip
    assert r.status_code == 302
    t = task.targets.get(text="案卷评查合格率不低于98%")
    r = c.post(
        f"/plans/targets/{t.pk}/edit/",
        {f"t{t.pk}-version": version + 1, f"t{t.pk}-text": t.text, f"t{t.pk}-op": ">=", f"t{t.pk}-value": "97",
         f"t{t.pk}-unit": "%", f"t{t.pk}-indicator": ""},
    )  # fmt: skip
    t.refresh_from_db()
    assert t.value == Decimal(97)
    c.post(f"/plans/targets/{t.pk}/delete/", {"version": version + 2})
    assert not TaskTarget.objects.filter(pk=t.pk).exists()
    # a new task, then deleted from its page
    r = c.post(
        f"/plans/plans/{plan.pk}/tasks/new/",
        {"version": version + 3, "number": 7, "title": "新增任务", "text": "", "recurrence": "yearly",
         "units": [tree.unit_a.pk]},
    )  # fmt: skip
    new = PlanTask.objects.get(plan=plan, number=7)
    assert r.status_code == 302 and r["Location"] == f"/plans/tasks/{new.pk}/edit/"
    r = c.post(f"/plans/tasks/{new.pk}/delete/", {"version": version + 4})
    assert r["Location"] == f"/plans/plans/{plan.pk}/" and not PlanTask.objects.filter(pk=new.pk).exists()


def test_task_pages_are_the_offices(tree, office, clerk_a, leader, county_office, login, plan):
    task = plan.tasks.get(number=3)
    for user, status in ((clerk_a, 403), (leader, 403), (county_office, 403)):  # all see the plan
        c = login(user)
        assert c.get(f"/plans/tasks/{task.pk}/edit/").status_code == status
        assert c.post(f"/plans/tasks/{task.pk}/delete/", {}).status_code == status
        assert c.get(f"/plans/plans/{plan.pk}/tasks/new/").status_code == status
    assert PlanTask.objects.filter(pk=task.pk).exists()
