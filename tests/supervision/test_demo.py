"""The demo plan of 督察, 考评 and 述法: deterministic, through the services, with open, overdue and closed
problems, a published ranking and reviewed 述法."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from fazhi.core.demoplan import DemoContext
from fazhi.demo import city as demo
from fazhi.supervision import demo as plan
from fazhi.supervision.choices import ProblemStatus, SchemeStatus
from fazhi.supervision.models import Problem, Scheme, Shufa

pytestmark = pytest.mark.django_db


def test_the_demo_plan_fills_the_ledger_the_ranking_and_the_shufa(db):
    root = demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    today = dt.date(2026, 7, 15)
    started = time.perf_counter()
    line = plan.load(DemoContext(root=root, today=today, seed=1, label="supervision"))
    seconds = time.perf_counter() - started
    assert line.startswith("法治督察")
    statuses = set(Problem.objects.values_list("status", flat=True))
    assert statuses == set(ProblemStatus.values)
    assert Problem.objects.filter(status__in=["pending", "rectifying"], rectify_due__lt=today).exists()
    assert Problem.objects.filter(events__kind="returned").exists()
    assert Problem.objects.count() > 150
    published = Scheme.objects.filter(status=SchemeStatus.PUBLISHED)
    assert set(published.values_list("year", flat=True)) == {2024, 2025}
    assert Scheme.objects.filter(year=2026, status=SchemeStatus.DRAFT).exists()
    assert Shufa.objects.filter(year=2025, status="reviewed").count() > 20
    assert not Problem.objects.filter(found_on__gt=today).exists()
    assert seconds < 60, seconds
