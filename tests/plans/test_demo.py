"""The demo city's work plans: imported from generated texts through the parser and the services, with
progress, reviews, 督办, some overdue; the year's targets come from them."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fazhi.core.demoplan import DemoContext
from fazhi.demo import city as demo
from fazhi.indicators.models import Target
from fazhi.plans import demo as plans_demo
from fazhi.plans.choices import Status
from fazhi.plans.models import Assignment, Urging, WorkPlan
from fazhi.plans.parsing import parse_plan

pytestmark = pytest.mark.django_db


def test_the_generated_text_parses_like_a_published_plan():
    text = plans_demo.plan_text("澜川市", "市", 2025, "澜政办〔2025〕18号", dt.date(2025, 3, 25))
    p = parse_plan(text)
    assert (p.title, p.doc_number, p.issued_on, len(p.parts), len(p.tasks)) == (
        "澜川市2025年法治政府建设工作要点",
        "澜政办〔2025〕18号",
        dt.date(2025, 3, 25),
        5,
        10,
    )
    assert p.tasks[0].lead_units == ["市司法局"] and p.tasks[0].deadline == dt.date(2025, 3, 31)
    assert sum(len(t.targets) for t in p.tasks) == 11


@time_machine.travel(dt.datetime(2026, 7, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_demo_plans():
    root = demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    started = time.perf_counter()
    line = plans_demo.load(DemoContext(root=root, today=dt.date(2026, 7, 15), seed=7, label="plans"))
    assert time.perf_counter() - started < 60
    counties = root.children.filter(kind="county").count()
    assert WorkPlan.objects.count() == 3 + counties  # the city's three years, each county's this year
    assert line.startswith(f"工作要点 {3 + counties} 份、任务 {10 * (3 + counties)} 项")
    shares = Assignment.objects.all()
    assert not shares.filter(task__plan__org=root).exclude(unit__parent=root).exists()
    past = shares.filter(task__plan__year=2025)
    done = past.filter(status=Status.DONE).count()
    assert 0.7 <= done / past.count() < 1  # a past year ends mostly done, not all
    this_year = shares.filter(task__plan__year=2026)
    overdue = this_year.exclude(status=Status.DONE).filter(due__lt=dt.date(2026, 7, 15))
    assert (
        overdue.exists()
        and this_year.exclude(status=Status.DONE).filter(due__gte=dt.date(2026, 7, 15)).exists()
    )
    assert Urging.objects.exists() and Urging.objects.filter(level=2).exists()
    assert not Assignment.objects.filter(last_reported_on__gt=dt.date(2026, 7, 15)).exists()
    # the targets of each year are the plan's
    head = Target.objects.get(org=root, year=2024, key="litigation.head_appearance_rate")
    assert head.threshold == 90 and "第8条" in head.source
    # later plans raise it to 100% (a past year's ~95% then shows 未达标 on the targets page and dashboard)
    raised = Target.objects.get(org=root, year=2025, key="litigation.head_appearance_rate")
    assert raised.threshold == 100 and raised.comparator == "gte"
    assert Target.objects.filter(org=root, year=2026).count() == 10
    # run again: nothing doubled
    plans_demo.load(DemoContext(root=root, today=dt.date(2026, 7, 15), seed=7, label="plans"))
    assert WorkPlan.objects.count() == 3 + counties
