"""指标目标: the work plan's targets seeded, managed on a page by the office, shown as 达标/未达标 by targets.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.indicators import collection
from fazhi.indicators.models import Comparator, Target
from fazhi.indicators.targets import TARGETS, status_of, targets_for

pytestmark = pytest.mark.django_db


def test_seed_targets_from_the_work_plan(tree):
    created = {t.key: t for t in collection.seed_targets(tree.city, 2024)}
    # 海东市2024年法治政府建设工作要点 第21、22条
    assert (
        created["litigation.head_appearance_rate"].comparator,
        created["litigation.head_appearance_rate"].threshold,
    ) == (Comparator.GTE, 90)
    assert (
        created["litigation.sued_after_reconsideration_rate"].comparator,
        created["litigation.sued_after_reconsideration_rate"].threshold,
    ) == (Comparator.LT, 30)
    assert (
        created["litigation.after_reconsideration_loss_rate"].comparator,
        created["litigation.after_reconsideration_loss_rate"].threshold,
    ) == (Comparator.LT, 10)
    assert (
        created["reconsideration.head_hearing_rate"].comparator,
        created["reconsideration.head_hearing_rate"].threshold,
    ) == (Comparator.GTE, 90)
    assert (created["study.exams"].comparator, created["study.exams"].threshold) == (Comparator.GTE, 5)
    assert "第22条" in created["litigation.head_appearance_rate"].source
    assert collection.seed_targets(tree.city, 2024) == []  # safe to run again


def test_seeding_keeps_the_offices_own_targets(tree, office):
    collection.save_target(
        actor=office,
        key="litigation.head_appearance_rate",
        org=tree.city,
        year=2025,
        comparator=Comparator.GTE,
        threshold=95,
        source="市政府常务会议确定",
    )
    collection.seed_targets(tree.city, 2025, actor=office)
    t = Target.objects.get(key="litigation.head_appearance_rate", org=tree.city, year=2025)
    assert t.threshold == 95 and t.source == "市政府常务会议确定"


def test_target_status_on_the_dashboard(tree):
    collection.seed_targets(tree.city, 2024)
    t = targets_for(tree.city, 2024)["litigation.head_appearance_rate"]
    assert status_of(t, Decimal("95.5"), 2024).status == "达标"
    assert status_of(t, Decimal("80"), 2024).status == "未达标"
    assert status_of(t, None, 2024).status == "无数据"


def test_targets_are_checked(tree, office, clerk_a, county_office):
    with pytest.raises(ValidationError, match="0至100"):
        collection.save_target(
            actor=office, key="litigation.loss_rate", org=tree.city, year=2025, comparator="lt", threshold=120
        )
    collection.save_target(
        actor=office, key="litigation.loss_rate", org=tree.city, year=2025, comparator="lt", threshold=10
    )
    with pytest.raises(ValidationError, match="已有该指标的目标"):
        collection.save_target(
            actor=office, key="litigation.loss_rate", org=tree.city, year=2025, comparator="lt", threshold=8
        )
    with pytest.raises(PermissionDenied):
        collection.save_target(
            actor=clerk_a, key="study.exams", org=tree.unit_a, year=2025, comparator="gte", threshold=5
        )
    with pytest.raises(PermissionDenied):
        collection.save_target(
            actor=county_office, key="study.exams", org=tree.city, year=2025, comparator="gte", threshold=5
        )
    # the county office sets the county's own
    collection.save_target(
        actor=county_office, key="study.exams", org=tree.county, year=2025, comparator="gte", threshold=5
    )


def test_targets_pages(tree, office, leader, clerk_a, login):
    o = login(office)
    assert o.get(reverse("indicators:target_create")).status_code == 200
    r = o.post(
        reverse("indicators:target_create"),
        {
            "key": "study.lectures",
            "org": tree.city.pk,
            "year": 2025,
            "comparator": "gte",
            "threshold": "2",
            "source": "工作要点第4条",
        },
    )
    assert r.status_code == 302
    t = Target.objects.get(key="study.lectures")
    html = o.get(reverse("indicators:targets")).content.decode()
    assert "法治专题讲座场次" in html and "不低于2" in html and "不低于2%" not in html
    o.post(
        reverse("indicators:target_edit", args=[t.pk]),
        {
            "key": "study.lectures",
            "org": tree.city.pk,
            "year": 2025,
            "comparator": "gte",
            "threshold": "3",
            "source": "工作要点第4条",
        },
    )
    t.refresh_from_db()
    assert t.threshold == 3 and t.history.count() == 2
    o.post(reverse("indicators:target_seed"), {"org": tree.city.pk, "year": 2025})
    # study.lectures was set by hand and is kept; the other work-plan figures are added
    assert Target.objects.filter(org=tree.city, year=2025).count() == len(TARGETS)
    assert Target.objects.get(key="study.lectures", year=2025).threshold == 3

    lead = login(leader)
    assert lead.get(reverse("indicators:targets")).status_code == 200
    assert lead.post(reverse("indicators:target_delete", args=[t.pk])).status_code == 403
    assert lead.get(reverse("indicators:target_create")).status_code == 403
    assert login(clerk_a).get(reverse("indicators:target_edit", args=[t.pk])).status_code == 404

    o.post(reverse("indicators:target_delete", args=[t.pk]))
    assert not Target.objects.filter(pk=t.pk).exists()


def test_targets_page_queries_do_not_grow_with_rows(tree, office, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    o = login(office)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert o.get(reverse("indicators:targets")).status_code == 200
        return len(ctx.captured_queries)

    collection.seed_targets(tree.city, 2024)
    before = count()
    collection.seed_targets(tree.city, 2025)
    collection.seed_targets(tree.county, 2025)
    assert count() == before
