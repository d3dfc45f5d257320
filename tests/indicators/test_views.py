"""The home page and the /indicators/ dashboard: figures of the known dataset (tests/factories.py), drill-down
links to the records, scope, "无数据", and a query count that does not grow with the records.

"Today" is frozen at Mon 2025-12-15, so the pages show 2025 by default and the pending case (review due Mon
2025-11-10) is overdue."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.indicators.models import Comparator, Target
from fazhi.reconsideration import services
from fazhi.reconsideration.choices import Decision
from tests import factories

pytestmark = pytest.mark.django_db
HOME = "/"
DASHBOARD = "/indicators/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime(2025, 12, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def figure(response, key: str) -> str:
    """The figure shown for `key` (the text of its cell, without the drill-down link)."""
    assert response.status_code == 200
    m = re.search(
        rf'<td [^>]*data-key="{re.escape(key)}"[^>]*>(?:<a href="[^"]*">)?([^<]*)', response.content.decode()
    )
    assert m, f"{key} is not on the page"
    return m.group(1)


def drill_link(response, key: str) -> str:
    m = re.search(rf'<td [^>]*data-key="{re.escape(key)}"[^>]*><a href="([^"]*)">', response.content.decode())
    assert m, f"{key} has no drill-down link"
    return html.unescape(m.group(1))


def row(response, key: str) -> str:
    m = re.search(rf'<tr data-key="{re.escape(key)}">(.*?)</tr>', response.content.decode(), re.S)
    assert m
    return m.group(1)


def test_home_shows_the_figures_to_office_and_leader(login, office, leader, indicator_data):
    for user in (office, leader):
        response = login(user).get(HOME)
        assert figure(response, "reconsideration.received") == "11"
        assert figure(response, "reconsideration.concluded") == "10"
        assert figure(response, "reconsideration.corrected") == "3"
        assert figure(response, "reconsideration.correction_rate") == "30.0%"
        assert figure(response, "reconsideration.mediation_rate") == "20.0%"
        assert figure(response, "reconsideration.settled_rate") == "80.0%"
        assert figure(response, "litigation.cases") == "5"
        assert figure(response, "litigation.head_appearance_rate") == "60.0%"
        assert figure(response, "litigation.loss_rate") == "40.0%"
        assert figure(response, "litigation.sued_after_reconsideration_rate") == "20.0%"
        assert figure(response, "litigation.after_reconsideration_loss_rate") == "50.0%"
        # Numerator and denominator beside a rate.
        assert "3/10" in row(response, "reconsideration.correction_rate")
        # The overdue case is listed (review due 2025-11-10, 35 days ago).
        assert indicator_data["pending"].number in response.content.decode()
        assert "2025-11-10（已超期35日）" in response.content.decode()


def test_dashboard_shows_every_figure_with_targets(login, office, leader, indicator_data, tree):
    # the targets of the city's 2025 work plan (第21、22条), as its import writes them
    for key, comparator, threshold in (
        ("litigation.head_appearance_rate", Comparator.GTE, 90),
        ("litigation.sued_after_reconsideration_rate", Comparator.LT, 30),
    ):
        Target.objects.create(
            key=key,
            org=tree.city,
            year=2025,
            comparator=comparator,
            threshold=threshold,
            source="2025年工作要点",
        )
    for user in (office, leader):
        response = login(user).get(DASHBOARD)
        assert figure(response, "reconsideration.corrected") == "3"
        assert figure(response, "reconsideration.accepted") == "9"
        assert figure(response, "litigation.judged") == "5"
        assert figure(response, "litigation.lost") == "2"
        # 出庭应诉率 60.0% against the plan's target 不低于90%, in a year not over yet.
        head = row(response, "litigation.head_appearance_rate")
        assert "3/5" in head and "不低于90%" in head and "进行中" in head
        # 经复议后起诉比例 20.0% < 30%: met.
        assert "达标" in row(response, "litigation.sued_after_reconsideration_rate")


def test_deciding_a_case_as_revoked_adds_one_to_the_corrected_figure(login, office, indicator_data):
    c = login(office)
    assert figure(c.get(DASHBOARD), "reconsideration.corrected") == "3"
    case = services.accept_case(case=indicator_data["pending"], actor=office, accepted_on=date(2025, 11, 5))
    services.decide_case(case=case, actor=office, decision=Decision.REVOKE, decided_on=date(2025, 12, 1))
    response = c.get(DASHBOARD)
    assert figure(response, "reconsideration.corrected") == "4"
    assert figure(response, "reconsideration.correction_rate") == "36.4%"  # 4/11


def test_a_figure_without_data_reads_no_data(login, office, indicator_data):
    response = login(office).get(DASHBOARD, {"year": 2024, "org": indicator_data["r10"].org_id})
    # The county in 2024: r10 received and accepted, nothing decided.
    assert figure(response, "reconsideration.received") == "1"
    assert figure(response, "reconsideration.correction_rate") == "无数据"
    assert figure(response, "litigation.loss_rate") == "无数据"


def test_the_drilldown_link_lists_the_records_behind_the_figure(login, office, indicator_data):
    c = login(office)
    response = c.get(DASHBOARD)
    link = drill_link(response, "reconsideration.corrected")
    assert link.startswith("/reconsideration/?indicator=reconsideration.corrected&")
    page = c.get(link)
    listed = {int(pk) for pk in re.findall(r'href="/reconsideration/(\d+)/"', page.content.decode())}
    assert listed == {indicator_data[k].pk for k in ("r1", "r2", "r3")}
    assert "指标明细：青城市人民政府 · 2025年 · 行政复议纠错案件数" in page.content.decode()
    link = drill_link(response, "litigation.loss_rate")
    page = c.get(link)
    listed = {int(pk) for pk in re.findall(r'href="/litigation/(\d+)/"', page.content.decode())}
    assert listed == {indicator_data["s1"].pk, indicator_data["s3"].pk}


def test_a_drilldown_outside_the_scope_is_refused(login, clerk_a, tree, indicator_data):
    query = f"?indicator=reconsideration.corrected&org={tree.city.pk}&period=2025"
    assert login(clerk_a).get("/reconsideration/" + query).status_code == 403


def test_scope_of_the_dashboard(login, clerk_a, county_office, tree, client, indicator_data):
    # A clerk's dashboard is the own unit's: unit A's 纠错 r1 r3.
    assert figure(login(clerk_a).get(DASHBOARD), "reconsideration.corrected") == "2"
    # The county office sees the county, and may not ask for the city.
    c = login(county_office)
    assert figure(c.get(DASHBOARD), "reconsideration.concluded") == "2"
    assert c.get(DASHBOARD, {"org": tree.city.pk}).status_code == 403
    assert c.get(HOME, {"org": tree.city.pk}).status_code == 403
    for url in (HOME, DASHBOARD):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/?org=abc",
        "/?org=abc",
        "/indicators/?org=",
        "/indicators/?year=abc",
    ],
)
def test_garbage_org_or_year_is_not_a_server_error(office, url):
    c = Client(raise_request_exception=False)
    c.force_login(office)
    assert c.get(url).status_code in (200, 400, 403, 404)


@pytest.mark.parametrize(
    "query",
    [
        "indicator=reconsideration.corrected&org=abc&period=2025",
        "indicator=reconsideration.nope&org={city}&period=2025",
        "indicator=reconsideration.corrected&org={city}&period=20x5",
    ],
)
def test_a_bad_drilldown_query_is_refused_not_a_server_error(office, tree, query):
    # A hand-edited or stale drill-down link must give a 4xx answer, not a 500 (core.web.drilldown).
    c = Client(raise_request_exception=False)
    c.force_login(office)
    response = c.get("/reconsideration/?" + query.format(city=tree.city.pk))
    assert response.status_code in (400, 404), response.status_code


def test_a_drilldown_of_another_apps_figure_lists_no_records(login, office, tree, indicator_data):
    # reconsideration.corrected names 复议 cases r1 r2 r3; on the 应诉 list those ids must not select the suits
    # that happen to have the same ids.
    response = login(office).get(
        f"/litigation/?indicator=reconsideration.corrected&org={tree.city.pk}&period=2025"
    )
    listed = (
        {int(pk) for pk in re.findall(r'href="/litigation/(\d+)/"', response.content.decode())}
        if response.status_code == 200
        else set()
    )
    assert listed == set()


def test_a_user_without_membership_is_told_so(login, tree):
    user = factories.make_user("nobody")
    assert "您的账号尚未分配机构和角色" in login(user).get(HOME).content.decode()
    assert "您的账号尚未分配机构" in login(user).get(DASHBOARD).content.decode()


@pytest.mark.parametrize("url", [HOME, DASHBOARD])
def test_query_count_does_not_grow_with_records(login, office, tree, indicator_data, url):
    c = login(office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx.captured_queries)

    queries()
    before = queries()
    # Twenty more decided cases (units A and B, 撤销 and 维持) and ten suits.
    for i in range(20):
        received = date(2025, 3, 3) + timedelta(days=i)
        factories.decided_case(
            office,
            org=tree.city,
            respondent=tree.unit_a if i % 2 else tree.unit_b,
            received_on=received,
            decided_on=received + timedelta(days=30),
            decision=Decision.REVOKE if i % 3 else Decision.UPHOLD,
        )
    for i in range(10):
        factories.judged_litigation(
            office,
            defendant=tree.unit_a,
            case_number=f"（2025）青01行初{100 + i}号",
            complaint_received_on=date(2025, 4, 1),
            hearing=(date(2025, 5, 6), "head"),
            result="revoke",
            judged_on=date(2025, 6, 3),
        )
    assert queries() == before
