"""The demo plan of 统计填报: each jurisdiction's 司法局 gets the year's 公共法律服务 form; past years' are accepted
(through the services, so the figures count), the current year's waits, and the figures answer from them."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.collection import demo as plan
from fazhi.collection.models import CollectionForm, CollectionTask
from fazhi.core.demoplan import DemoContext
from fazhi.demo import city as demo
from fazhi.indicators.registry import Period, compute

pytestmark = pytest.mark.django_db


def test_the_demo_city_sends_and_accepts_its_public_legal_service_forms(db):
    root = demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    today = dt.date(2026, 7, 15)
    line = plan.load(DemoContext(root=root, today=today, seed=1, label="collection"))
    assert line.startswith("统计填报表")
    jurisdictions = sum(1 for o in root.subtree() if o.is_jurisdiction)
    forms = CollectionForm.objects.all()
    # 2024 and 2025 for every jurisdiction with a 司法局; 2026's form is not out before December
    assert {f.period_start.year for f in forms} == {2024, 2025}
    assert forms.count() <= 2 * jurisdictions
    tasks = CollectionTask.objects.select_related("org")
    assert all(t.org.name.endswith("司法局") for t in tasks)
    assert all(t.status == CollectionTask.Status.ACCEPTED for t in tasks)  # all past their review by July
    # the city's figure is what its accepted tasks say, summed as the catalog's aggregation says
    key = "legal_services.notary_cases"
    assert compute(root, Period.year(2025), [key])[key].value > 0


def test_the_current_years_form_waits_in_january(db):
    root = demo.load_org_tree()
    demo.create_users("demo-pass-1234")
    plan.load(DemoContext(root=root, today=dt.date(2026, 1, 4), seed=1, label="collection"))
    waiting = CollectionTask.objects.filter(form__period_start__year=2025)
    assert waiting and all(t.status == CollectionTask.Status.PENDING for t in waiting)
