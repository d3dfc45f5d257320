"""约谈 records (services, pages, API) and the figures computed from records: 法治督察次数, 督察覆盖单位数 (each
unit once) and 约谈次数, each with a drill-down listing exactly what it counts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core.casework.editing import void_record
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.indicators.selectors import drill_url
from fazhi.supervision import services
from fazhi.supervision.casework import INSPECTIONS
from fazhi.supervision.choices import InspectionKind, InterviewEventKind, InterviewStatus
from fazhi.supervision.models import Interview
from tests import factories

from . import factories as f

pytestmark = pytest.mark.django_db
KEYS = ["supervision.inspections", "supervision.inspected_units", "supervision.interviews"]
ROW = re.compile(r"<tr><td><a href=")
TOTAL = re.compile(r"共 (\d+) 条")


def interview(office, org, **kwargs):
    data = {
        "leader": "王建国",
        "title": "局长",
        "held_on": date(2025, 7, 10),
        "reason": "督察发现的问题整改逾期",
        "requirements": "限期15日内整改到位",
    }
    return services.record_interview(actor=office, org=org, **{**data, **kwargs})


# -- services -------------------------------------------------------------------------------------------------
def test_an_interview_is_recorded_linked_audited_and_followed_up(tree, office):
    insp = f.inspection(office, tree)
    p = f.problem(office, tree.unit_a, insp=insp)
    rec = interview(office, tree.unit_a, inspection=insp, problem=p)
    assert rec.jurisdiction == tree.city and rec.status == InterviewStatus.HELD
    assert rec.history.get().history_change_reason == "登记约谈"
    assert rec.history.get().history_user == office
    services.follow_up_interview(
        case=rec, actor=office, outcome="已整改到位并书面报告", followed_on=date(2025, 8, 1)
    )
    rec.refresh_from_db()
    assert rec.status == InterviewStatus.FOLLOWED and rec.followed_on == date(2025, 8, 1)
    assert list(rec.events.values_list("kind", flat=True)) == [
        InterviewEventKind.HELD,
        InterviewEventKind.FOLLOWED,
    ]
    assert rec.history.order_by("history_id").last().history_change_reason == "约谈跟踪落实"
    with pytest.raises(ValidationError) as exc:
        services.follow_up_interview(case=rec, actor=office, outcome="再次", followed_on=date(2025, 8, 2))
    assert "跟踪落实" in str(exc.value)


def test_an_interview_is_held_by_the_office_above_the_unit(tree, office, county_office):
    """Without an inspection or a problem the office of the unit's government holds it; a county's own units are
    the county's to interview, and the city's office may interview the county government."""
    assert interview(county_office, tree.county_unit).jurisdiction == tree.county
    assert interview(office, tree.county, title="县长").jurisdiction == tree.city
    with pytest.raises(PermissionDenied):
        interview(county_office, tree.unit_a)


def test_interview_refusals_name_the_field_and_reason(tree, office, clerk_a):
    insp = f.inspection(office, tree, units=[tree.unit_a])
    p = f.problem(office, tree.unit_a, insp=insp)
    cases = [
        ({"org": tree.unit_b, "problem": p}, "problem", "整改责任单位是"),
        ({"org": tree.unit_b, "inspection": insp}, "org", "不是该次督察的被督察单位"),
        ({"org": tree.unit_a, "problem": p, "held_on": date(2025, 5, 1)}, "held_on", "不能早于问题发现日期"),
        ({"org": tree.unit_a, "inspection": insp, "held_on": date(2025, 5, 1)}, "held_on", "督察开始日期"),
        ({"org": tree.unit_a, "leader": "  "}, "leader", "请填写被约谈人"),
        ({"org": tree.unit_a, "reason": ""}, "reason", "请填写约谈事由"),
    ]
    for kwargs, field, text in cases:
        org = kwargs.pop("org")
        with pytest.raises(ValidationError) as exc:
            interview(office, org, **kwargs)
        assert text in str(exc.value.message_dict[field]), (field, exc.value.message_dict)
    with pytest.raises(PermissionDenied):
        interview(clerk_a, tree.unit_a)  # 约谈 is the office's
    assert not Interview.objects.exists()
    rec = interview(office, tree.unit_a)
    with pytest.raises(ValidationError) as exc:
        services.follow_up_interview(case=rec, actor=office, outcome="好", followed_on=date(2025, 7, 1))
    assert "跟踪日期不能早于约谈日期" in str(exc.value)
    with pytest.raises(PermissionDenied):
        services.follow_up_interview(case=rec, actor=clerk_a, outcome="好", followed_on=date(2025, 8, 1))


# -- figures --------------------------------------------------------------------------------------------------
@pytest.fixture
def covered(tree, office, county_office):
    """The city inspects unit_a, unit_b and the county (May) and again unit_a (September); the county inspects its
    unit; a voided inspection of unit_b counts nothing; three 约谈 (two by the city, one by the county)."""
    f.inspection(office, tree)
    f.inspection(office, tree, units=[tree.unit_a], started_on=date(2025, 9, 1), title="专项督察")
    services.start_inspection(
        actor=county_office,
        org=tree.county,
        title="县综合督察",
        kind=InspectionKind.COMPREHENSIVE,
        started_on=date(2025, 6, 1),
        units=[tree.county_unit],
    )
    void = f.inspection(office, tree, units=[tree.unit_b], started_on=date(2025, 10, 1), title="作废的督察")
    void_record(INSPECTIONS, record=void, actor=office, reason="重复登记")
    interview(office, tree.unit_a)
    interview(office, tree.county, title="县长", held_on=date(2025, 11, 1))
    interview(county_office, tree.county_unit, held_on=date(2025, 12, 1))
    interview(office, tree.unit_b, held_on=date(2024, 12, 1))  # another year


def test_figures_count_inspections_distinct_units_and_interviews(tree, covered):
    year = Period.year(2025)
    expected = {
        # unit_a once though inspected twice; the county's inspection and its unit count
        tree.city: (3, 4, 3),
        # a covered unit belongs to the jurisdiction it is in: the county government (inspected by the city) too
        tree.county: (1, 2, 1),
        tree.unit_a: (0, 1, 1),  # a unit: covered itself, its leader interviewed
        tree.unit_b: (0, 1, 0),  # the voided inspection does not count a second time, nor the 2024 约谈
        tree.county_unit: (0, 1, 1),
    }
    for org, want in expected.items():
        got = compute(org, year, KEYS)
        assert tuple(got[k].value for k in KEYS) == want, org.name
        for k in KEYS:  # the drill-down lists exactly what the figure counts
            assert drilldown_records(k, org, year).count() == got[k].value, (org.name, k)
    units = drilldown_records("supervision.inspected_units", tree.city, year)
    assert sorted(r.org.name for r in units) == sorted(
        [tree.unit_a.name, tree.unit_b.name, tree.county.name, tree.county_unit.name]
    )
    q2 = compute(tree.city, Period.quarter(2025, 3), KEYS)
    assert [q2[k].value for k in KEYS] == [1, 1, 1]


def test_the_figures_are_computed_not_reported(tree, covered):
    from fazhi.indicators.registry import catalog

    for k in KEYS:
        assert catalog()[k]["source"] == "supervision", k


def test_each_figure_drills_down_to_a_page_listing_as_many_rows(tree, covered, office, login):
    client = login(office)
    for org in (tree.city, tree.county, tree.unit_a):
        values = compute(org, Period.year(2025), KEYS)
        for k in KEYS:
            url = drill_url(values[k])
            assert url, k
            text = client.get(url).content.decode()
            tbody = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
            assert len(ROW.findall(tbody)) == values[k].value, (org.name, k, url)
            assert int(TOTAL.search(text).group(1)) == values[k].value
            assert client.get(url + "&size=1").status_code == 200  # a page of one row: the pager's cursor


def test_the_city_compares_its_counties(tree, covered):
    from fazhi.indicators.declare import compare
    from fazhi.indicators.registry import registered

    defs = [registered()[k] for k in KEYS]
    got = compare(defs, tree.city, Period.year(2025), [tree.county])
    assert [got[tree.county.pk][k].value for k in KEYS] == [1, 2, 1]


# -- pages and API --------------------------------------------------------------------------------------------
def test_record_and_follow_up_an_interview_through_the_pages(tree, office, clerk_a, clerk_b, leader, login):
    insp = f.inspection(office, tree)
    p = f.problem(office, tree.unit_a, insp=insp)
    client = login(office)
    r = client.post(
        reverse("supervision_interviews:create"),
        {
            "org": tree.unit_a.pk,
            "leader": "李明",
            "title": "局长",
            "held_on": "2025-07-10",
            "reason": "整改逾期",
            "inspection": insp.pk,
            "problem": p.pk,
            "requirements": "限期整改",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    rec = Interview.objects.get()
    assert rec.problem == p and rec.inspection == insp
    detail = reverse("supervision_interviews:detail", args=[rec.pk])
    page = client.get(detail).content.decode()
    assert "李明" in page and insp.title in page and "/action/follow/" in page
    assert "/action/follow/" not in login(leader).get(detail).content.decode()
    bad = client.post(
        reverse("supervision_interviews:create"),
        {"org": tree.unit_a.pk, "leader": "李明", "title": "局长", "held_on": "2025-07-10", "reason": "x",
         "problem": 999999},
    )  # fmt: skip
    assert bad.status_code == 200 and "问题台账中没有该编号的问题" in bad.content.decode()
    act = reverse("supervision_interviews:action", args=[rec.pk, "follow"])
    r = client.post(act, {"outcome": "已整改到位", "followed_on": "2025-08-01"})
    assert r.status_code == 302
    rec.refresh_from_db()
    assert rec.status == InterviewStatus.FOLLOWED
    listing = login(clerk_a).get(reverse("supervision_interviews:list")).content.decode()
    assert "李明" in listing and "已跟踪落实" in listing
    assert "李明" not in login(clerk_b).get(reverse("supervision_interviews:list")).content.decode()


def test_interviews_over_the_api(client, tree, office, clerk_a):
    auth = {"Authorization": f"Bearer {factories.make_token(office).key}"}
    payload = {
        "org_id": tree.unit_a.pk,
        "leader": "李明",
        "title": "局长",
        "held_on": "2025-07-10",
        "reason": "整改逾期",
    }
    r = client.post(
        "/api/supervision/interviews/cases", payload, content_type="application/json", headers=auth
    )
    assert r.status_code == 201, r.content
    assert r.json()["jurisdiction"] == tree.city.name and r.json()["status"] == "held"
    clerk = {"Authorization": f"Bearer {factories.make_token(clerk_a).key}"}
    r = client.post(
        "/api/supervision/interviews/cases", payload, content_type="application/json", headers=clerk
    )
    assert r.status_code == 403


# -- 述法 figures and the leader's 学法 record ------------------------------------------------------------------
def test_shufa_figures_count_leaders_and_reviews_and_drill_down_to_them(tree, office, clerk_a, county_office):
    reviewed = f.shufa(clerk_a, tree.unit_a, held_on=date(2025, 1, 20))
    services.review_shufa(
        case=reviewed, actor=office, result="good", comment="较好", reviewed_on=date(2025, 1, 25)
    )
    f.shufa(county_office, tree.county_unit, leader="赵刚", held_on=date(2025, 2, 10))
    f.shufa(clerk_a, tree.unit_a, year=2025, leader="钱伟", held_on=date(2026, 1, 15))  # next year's
    keys = ["supervision.shufa_leaders", "supervision.shufa_reviewed"]
    for org, want in {tree.city: [2, 1], tree.county: [1, 0], tree.unit_a: [1, 1]}.items():
        got = compute(org, Period.year(2025), keys)
        assert [got[k].value for k in keys] == want, org.name
        for k in keys:
            assert drilldown_records(k, org, Period.year(2025)).count() == got[k].value
            assert "supervision/shufa/" in drill_url(got[k])
    # January alone: both held then, one reviewed by its end
    assert [compute(tree.city, Period.month(2025, 1), keys)[k].value for k in keys] == [1, 1]


def test_the_shufa_page_shows_the_leaders_study_record(tree, office, clerk_a, login):
    from fazhi.education import services as education

    session = education.register_session(
        actor=office, unit=tree.unit_a, kind="group", title="学习行政复议法", held_on=date(2024, 3, 5)
    )
    education.record_attendees(case=session, actor=office, people="王建国 局长\n李四 科员")
    rec = f.shufa(clerk_a, tree.unit_a)  # 王建国, 2024
    page = login(office).get(reverse("supervision_shufa:detail", args=[rec.pk])).content.decode()
    assert "学法记录（1）" in page and "学习行政复议法" in page
