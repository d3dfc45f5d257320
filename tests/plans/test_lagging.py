"""滞后 (时间过半、进度未过半) against the jurisdiction's own threshold (`plans.lag_percent`, default 50), and a
lagging share as a notice of the due-date protocol: in 待办期限, the bell and `fazhi remind`, once a day, gone
when the accepted progress reaches the threshold or the share is done.

Hand-checked dates: the shares of dept_plan_arabic_units.txt task 2 (6月底前) are given on 2025-03-01 and due on
2025-06-30: 121 days, half of them 60, so time is half gone on 2025-04-30 (3月1日 + 30 = 3月31日, + 30 = 4月30日)."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from fazhi.core.due import due_list, iter_due
from fazhi.core.models import JurisdictionSetting, Notice
from fazhi.indicators.registry import Period, compute, drilldown_records
from fazhi.plans import rules, services
from fazhi.plans.models import Assignment
from tests.plans.factories import import_plan, share

pytestmark = pytest.mark.django_db
D = date
HALFWAY = D(2025, 4, 30)


def _progress(a, clerk, office, percent, on):
    services.report_progress(case=a, actor=clerk, reported_on=on, text=f"完成{percent}%", percent=percent)
    services.accept_report(case=a, actor=office, reviewed_on=on)
    a.refresh_from_db()
    return a


def _lagging(org, today):
    with time_machine.travel(today, tick=False):
        value = compute(org, Period.year(2025), ["plans.lagging"])["plans.lagging"].value
        records = set(drilldown_records("plans.lagging", org, Period.year(2025)))
        shares = {a for a in Assignment.objects.all() if rules.is_lagging(a, today)}
    assert value == len(records), (value, records)
    return records, shares


def test_half_time_is_the_hand_checked_day(tree, office):
    plan = import_plan(office, tree.city)
    a = share(plan, 2, tree.unit_a)
    assert (a.assigned_on, a.deadline, a.halfway_on) == (D(2025, 3, 1), D(2025, 6, 30), HALFWAY)


def test_the_threshold_is_the_jurisdictions_setting(tree, office, clerk_a, county_office):
    plan = import_plan(office, tree.city)
    a, b = share(plan, 2, tree.unit_a), share(plan, 2, tree.unit_b)
    _progress(a, clerk_a, office, 40, D(2025, 4, 1))
    # default 50: 40% at half time lags, as does 0%
    records, shares = _lagging(tree.city, HALFWAY)
    assert {a, b} <= records and records == shares
    # the city sets 30: 40% no longer lags; 0% still does
    JurisdictionSetting.objects.create(org=tree.city, key=rules.LAG_SETTING, value="30")
    records, shares = _lagging(tree.city, HALFWAY)
    assert a not in records and b in records and records == shares
    with time_machine.travel(HALFWAY, tick=False):
        assert rules.shown_status(Assignment.objects.get(pk=a.pk), HALFWAY) == "推进中"
    # a county under the city sets its own 80 for its plan's shares: 60% lags there, not under the city's 30
    county_plan = import_plan(county_office, tree.county)
    c = share(county_plan, 2, tree.county_unit)
    assert c.halfway_on == HALFWAY
    c = _progress(c, county_office, county_office, 60, D(2025, 4, 1))
    records, shares = _lagging(tree.county, HALFWAY)
    assert c not in records and c not in shares  # inherits the city's 30
    JurisdictionSetting.objects.create(org=tree.county, key=rules.LAG_SETTING, value="80")
    records, shares = _lagging(tree.county, HALFWAY)
    assert c in records and c in shares
    city_records, city_shares = _lagging(
        tree.city, HALFWAY
    )  # the city's figure: each share by its own setting
    assert city_records == city_shares and c in city_records and a not in city_records


def test_the_list_filter_follows_the_setting(tree, office, clerk_a, login):
    plan = import_plan(office, tree.city)
    a, b = share(plan, 2, tree.unit_a), share(plan, 2, tree.unit_b)
    _progress(a, clerk_a, office, 40, D(2025, 4, 1))
    JurisdictionSetting.objects.create(org=tree.city, key=rules.LAG_SETTING, value="30")
    with time_machine.travel(HALFWAY, tick=False):
        page = login(office).get("/plans/", {"status": "lagging"}).content.decode()
        detail = login(office).get(f"/plans/{a.pk}/").content.decode()
    assert f'href="/plans/{b.pk}/"' in page and f'href="/plans/{a.pk}/"' not in page
    assert "推进中" in detail and "滞后</span>" not in detail


def test_a_lagging_share_is_a_due_notice_once_a_day_until_it_catches_up(tree, office, clerk_a, clerk_b):
    plan = import_plan(office, tree.city)
    a, b = share(plan, 2, tree.unit_a), share(plan, 2, tree.unit_b)
    _progress(a, clerk_a, office, 60, D(2025, 4, 1))
    day_before = D(2025, 4, 29)
    with time_machine.travel(day_before, tick=False):
        assert not [d for d in due_list(clerk_b, "", day_before, source="plans.lagging") if d.record == b]
    with time_machine.travel(D(2025, 5, 2), tick=False):
        today = D(2025, 5, 2)
        rows = due_list(clerk_b, "", today, source="plans.lagging")
        mine = [d for d in rows if d.record == b]
        assert [(d.due_on, d.days_left, d.org) for d in mine] == [(HALFWAY, -2, tree.unit_b)]
        assert "时间过半、进度未过半" in mine[0].rule and mine[0].url == f"/plans/{b.pk}/"
        assert not [d for d in rows if d.record == a]  # 60% ≥ 50: not lagging
        assert not [d for d in due_list(clerk_a, "", today, source="plans.lagging") if d.record == b]
        assert b in [d.record for d in iter_due("overdue", today) if d.source == "plans.lagging"]
        # `fazhi remind`: unit B's clerk and the city office's staff get the notice (the bell), once on the day
        call_command("remind", stdout=io.StringIO())
        call_command("remind", stdout=io.StringIO())
        key = f"due:plans.lagging:{b.pk}:20250430:overdue:20250502"
        assert set(Notice.objects.filter(key=key).values_list("recipient__username", flat=True)) == {
            "clerk_b",
            "office",
            "reviewer",
        }
        assert Notice.objects.filter(key__startswith=f"due:plans.lagging:{b.pk}:").count() == 3
        assert "工作要点任务滞后" in Notice.objects.get(key=key, recipient=clerk_b).title
    with time_machine.travel(D(2025, 5, 3), tick=False):
        call_command("remind", stdout=io.StringIO())
        assert Notice.objects.filter(key__startswith=f"due:plans.lagging:{b.pk}:").count() == 6  # next day
    # progress catches up: accepted 50% closes the notice
    _progress(b, clerk_b, office, 50, D(2025, 5, 4))
    with time_machine.travel(D(2025, 5, 5), tick=False):
        assert not [d for d in due_list(clerk_b, "", D(2025, 5, 5), source="plans.lagging") if d.record == b]
        call_command("remind", stdout=io.StringIO())
        assert Notice.objects.filter(key__startswith=f"due:plans.lagging:{b.pk}:").count() == 6


def test_a_done_share_is_no_lagging_notice(tree, office, clerk_b):
    plan = import_plan(office, tree.city)
    b = share(plan, 2, tree.unit_b)
    _progress(b, clerk_b, office, 100, D(2025, 4, 1))
    assert b.status == "done"
    with time_machine.travel(HALFWAY, tick=False):
        assert b not in [d.record for d in iter_due("", HALFWAY) if d.source == "plans.lagging"]


def test_the_due_page_lists_lagging_shares(tree, office, clerk_b, login):
    plan = import_plan(office, tree.city)
    b = share(plan, 2, tree.unit_b)
    with time_machine.travel(D(2025, 5, 2), tick=False):
        page = login(clerk_b).get("/due/").content.decode()
    assert "工作要点任务滞后" in page and f"/plans/{b.pk}/" in page


def test_the_lag_setting_is_read_once_per_page_not_per_row(tree, office, login):
    """The 滞后 badge of every row (the 任务分工 list) and every share (the plan's page), against the setting read
    once: the pages' queries do not grow with their rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = import_plan(office, tree.city)
    JurisdictionSetting.objects.create(org=tree.city, key=rules.LAG_SETTING, value="30")
    c = login(office)

    def count(url):
        with time_machine.travel(HALFWAY, tick=False), CaptureQueriesContext(connection) as q:
            page = c.get(url).content.decode()
        return len(q), page.count('title="时间过半、进度未过半">滞后</span>') + page.count(" 滞后 ")

    count("/plans/"), count(f"/plans/plans/{plan.pk}/")  # the first requests fill the process's caches
    list_before, shown_before = count("/plans/")
    plan_before, shown_plan_before = count(f"/plans/plans/{plan.pk}/")
    assert shown_before >= 2 and shown_plan_before >= 2
    # two more lagging shares of the same plan: task 4 given to units A and B on 3月1日, due 6月30日
    for unit in (tree.unit_a, tree.unit_b):
        services.assign_task(
            actor=office, task=plan.tasks.get(number=4), unit=unit, on=D(2025, 3, 1), deadline=D(2025, 6, 30)
        )
    list_after, shown_after = count("/plans/")
    plan_after, shown_plan_after = count(f"/plans/plans/{plan.pk}/")
    assert (shown_after, shown_plan_after) == (shown_before + 2, shown_plan_before + 2)
    assert list_after == list_before, (list_before, list_after)
    assert plan_after == plan_before, (plan_before, plan_after)
