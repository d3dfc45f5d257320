"""指标目标: the work plan's targets seeded, managed on a page by the office, shown as 达标/未达标 by targets.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.indicators.models import Comparator, Target
from fazhi.indicators.targets import save_target, status_of, targets_for

pytestmark = pytest.mark.django_db


def _plan_targets(org, year: int, actor=None) -> None:
    """The targets a work plan gives (海东市2024年法治政府建设工作要点 第21、22条), as the office would set them."""
    for key, comparator, threshold in (
        ("litigation.head_appearance_rate", Comparator.GTE, 90),
        ("litigation.sued_after_reconsideration_rate", Comparator.LT, 30),
        ("study.exams", Comparator.GTE, 5),
    ):
        Target.objects.create(
            key=key,
            org=org,
            year=year,
            comparator=comparator,
            threshold=threshold,
            source=f"{year}年工作要点",
        )


def test_no_target_is_written_in_code(tree):
    """Targets are records (the office's, or its imported work plan's): none exists before one is set."""
    assert targets_for(tree.city, 2024) == {}
    assert targets_for(tree.unit_a, 2024) == {}


def test_a_jurisdiction_without_its_own_target_is_held_to_the_one_above(tree):
    _plan_targets(tree.city, 2024)
    Target.objects.create(
        key="study.exams",
        org=tree.county,
        year=2024,
        comparator=Comparator.GTE,
        threshold=6,
        source="县工作要点",
    )
    county = targets_for(tree.county, 2024)
    assert (county["study.exams"].threshold, county["study.exams"].source) == (6, "县工作要点")
    head = county["litigation.head_appearance_rate"]
    assert (head.comparator, head.threshold) == (Comparator.GTE, 90)
    assert head.source == "青城市人民政府：2024年工作要点" and head.pk is None  # an unsaved copy
    assert targets_for(tree.county, 2025) == {}  # another year's plan does not apply
    assert set(targets_for(tree.county_unit, 2024)) == set(county)


def test_target_status_on_the_dashboard(tree):
    _plan_targets(tree.city, 2024)
    t = targets_for(tree.city, 2024)["litigation.head_appearance_rate"]
    assert status_of(t, Decimal("95.5"), 2024).status == "达标"
    assert status_of(t, Decimal("80"), 2024).status == "未达标"
    assert status_of(t, None, 2024).status == "无数据"


@pytest.mark.parametrize(
    ("key", "threshold", "text"),
    [
        ("enforcement.trainings", 1, "不低于1场次"),  # 集中培训场次: 每年不少于1次
        ("study.leader_sessions", 4, "不低于4次"),
        ("enforcement.officer_trainees", 500, "不低于500人次"),
        ("enforcement.case_file_reviews", 30, "不低于30宗"),
        ("supervision.problems_found", 3, "不低于3个"),
        ("reconsideration.received", 10, "不低于10件"),
        ("litigation.head_appearance_rate", 90, "不低于90%"),
    ],
)
def test_a_target_prints_the_measure_word_of_its_figure(tree, key, threshold, text):
    """The target's text uses the figure's own measure word (培训场次 不低于1场次), the same word the report
    prints it with, not 件 for every count."""
    t = Target(key=key, org=tree.city, year=2024, comparator=Comparator.GTE, threshold=Decimal(threshold))
    assert status_of(t, None, 2024).text == text


def test_targets_are_checked(tree, office, clerk_a, county_office):
    with pytest.raises(ValidationError, match="0至100"):
        save_target(
            actor=office, key="litigation.loss_rate", org=tree.city, year=2025, comparator="lt", threshold=120
        )
    save_target(
        actor=office, key="litigation.loss_rate", org=tree.city, year=2025, comparator="lt", threshold=10
    )
    with pytest.raises(ValidationError, match="已有该指标的目标"):
        save_target(
            actor=office, key="litigation.loss_rate", org=tree.city, year=2025, comparator="lt", threshold=8
        )
    with pytest.raises(PermissionDenied):
        save_target(
            actor=clerk_a, key="study.exams", org=tree.unit_a, year=2025, comparator="gte", threshold=5
        )
    with pytest.raises(PermissionDenied):
        save_target(
            actor=county_office, key="study.exams", org=tree.city, year=2025, comparator="gte", threshold=5
        )
    # the county office sets the county's own
    save_target(
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
    html = o.get(reverse("indicators:targets"), {"year": 2025}).content.decode()
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
    # no hard-coded 导入工作要点目标 any more: targets come from the office or its imported work plan
    assert "target_seed" not in html and "导入工作要点目标" not in html

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

    _plan_targets(tree.city, 2024)
    before = count()
    _plan_targets(tree.city, 2025)
    _plan_targets(tree.county, 2025)
    assert count() == before


def _states_page(client, **params) -> str:
    r = client.get(reverse("indicators:targets"), params)
    assert r.status_code == 200
    return r.content.decode()


def test_targets_page_shows_each_targets_live_value_and_state_by_area(tree, office, login):
    """指标目标 is read like the dashboard: the org's targets for the year grouped by area, each with the figure's
    value for that org and year, 达标/未达标/进行中/无数据 with a legend, and no catalog key on the screen."""
    import re

    from django.utils import timezone

    this_year = timezone.localdate().year
    for year in (this_year - 1, this_year):
        for key, comparator, threshold in (
            ("reconsideration.received", Comparator.GTE, 5),  # none received: 0 件
            ("reconsideration.concluded", Comparator.LTE, 10),
            ("litigation.head_appearance_rate", Comparator.GTE, 90),  # no base: 无数据
        ):
            Target.objects.create(
                key=key,
                org=tree.city,
                year=year,
                comparator=comparator,
                threshold=threshold,
                source="工作要点",
            )
    o = login(office)
    past = _states_page(o, year=this_year - 1)
    assert "行政复议" in past and "行政应诉" in past  # area headings
    assert "行政复议新收/受理案件数" in past and "不低于5件" in past
    assert re.search(r"bg-red-lt\">未达标</span>\s*1 项", past)  # the legend counts each state
    assert re.search(r"bg-green-lt\">达标</span>\s*1 项", past)
    assert "年度已结束，实际值未达到目标" in past  # the legend says what a state means
    text = re.sub(r"<[^>]*>", " ", past)  # what is on the screen (links may carry keys in their URLs)
    assert "reconsideration." not in text and "litigation." not in text
    now = _states_page(o)  # this year by default: not met yet is 进行中, not 未达标
    assert re.search(r"bg-yellow-lt\">进行中</span>\s*1 项", now)
    assert re.search(r"bg-red-lt\">未达标</span>\s*0 项", now)
    only_missed = _states_page(o, year=this_year - 1, state="未达标")
    assert only_missed.count('<td data-label="状态">') == 1


def test_targets_page_follows_the_org_and_inherits_from_above(tree, office, county_office, login):
    Target.objects.create(
        key="reconsideration.received",
        org=tree.city,
        year=2025,
        comparator="gte",
        threshold=5,
        source="市要点",
    )
    county = _states_page(login(county_office), year=2025)  # the county office sees its county by default
    assert tree.county.name in county and "沿用上级目标" in county and "设定本级目标" in county
    assert "修改</a>" not in county  # the city's target is not the county's to change
    city = _states_page(login(office), year=2025, org=tree.city.pk)
    assert "沿用上级目标" not in city and "修改</a>" in city


def test_targets_page_is_paged(tree, office, login, monkeypatch):
    from fazhi.indicators import manage_views

    monkeypatch.setattr(manage_views, "TARGETS_PER_PAGE", 2)
    for key in ("reconsideration.received", "reconsideration.concluded", "litigation.cases"):
        Target.objects.create(key=key, org=tree.city, year=2025, comparator="gte", threshold=1, source="")
    o = login(office)
    first = _states_page(o, year=2025)
    second = _states_page(o, year=2025, page=2)
    assert "第 1/2 页" in first and "第 2/2 页" in second
    assert first.count('data-label="状态"') == 2 and second.count('data-label="状态"') == 1
    assert "行政应诉" in second and "行政应诉" not in first.split("<tbody>", 1)[1].split("</table>")[0]


def test_an_org_outside_scope_is_refused(tree, clerk_a, login):
    assert login(clerk_a).get(reverse("indicators:targets"), {"org": tree.county.pk}).status_code == 403


def test_the_target_form_names_figures_in_chinese_by_area(tree, office, login):
    html = login(office).get(reverse("indicators:target_create")).content.decode()
    assert '<optgroup label="行政复议">' in html
    assert "（reconsideration." not in html
