"""The due-date protocol (core/due.py): sources declared by the apps, counts per kind, lists by due date, scope."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core import due
from fazhi.core.contract import domain_apps
from fazhi.indicators.registry import Period, compute
from tests import factories
from tests.core import due_data
from tests.core.due_data import TODAY, at


def test_the_domain_apps_declarations_are_the_installed_app_configs():
    # apps.py importing DomainAppConfig by name made Django see two AppConfig classes and fall back to a plain
    # AppConfig, so no declaration of the app was read.
    assert {cfg.label for cfg in domain_apps()} >= {"reconsideration", "litigation"}


@pytest.fixture
def data(tree, office):
    return due_data.build(tree, office)


def keys(rows):
    return [(d.source, d.record.pk) for d in rows]


def test_every_app_declares_a_source():
    assert {s.key for s in due.sources()} >= {
        "reconsideration.case",
        "litigation.answer",
        "indicators.collection_task",
    }


def test_counts_per_kind_and_source_for_the_office(data, office):
    summary = due.due_summary(office, TODAY)
    by = {r["key"]: (r["overdue"], r["soon"], r["open"]) for r in summary["sources"]}
    assert by["reconsideration.case"] == (1, 1, 2)  # R1 overdue, R2 due in 4 days
    assert by["litigation.answer"] == (1, 1, 2)  # L1 overdue, L2 due in exactly 7 days
    assert by["indicators.collection_task"] == (1, 0, 2)  # T-B overdue, T-A due 03-31
    assert (summary["overdue"], summary["soon"], summary["open"]) == (3, 2, 6)


def test_summary_is_one_query_per_source(data, office):
    due.sources()  # import the declarations first
    n = len(due.sources())
    office = type(office).objects.get(pk=office.pk)
    with CaptureQueriesContext(connection) as ctx:
        due.due_summary(office, TODAY)
    # at most one COUNT per source — a source whose records the user may not see at all needs none (the scope is an
    # empty IN) — besides the user's memberships and org ids for the scope, computed once per user
    counts = sum("COUNT(" in q["sql"] for q in ctx.captured_queries)
    assert 4 <= counts <= n
    # and a constant number of other reads, not one per record: the scope (memberships, org paths) and the
    # per-jurisdiction settings a source reads (规范性文件 expiry window: the orgs with documents, their settings)
    others = [q["sql"][:60] for q in ctx.captured_queries if "COUNT(" not in q["sql"]]
    assert len(others) <= 5, others


def test_lists_are_ordered_by_due_date_across_sources(data, office):
    overdue = due.due_list(office, due.OVERDUE, TODAY, 10)
    # R1 and L1 both fall due on 03-09 (ordered by source key, then record), T-B on 03-10
    assert keys(overdue) == [
        ("litigation.answer", data["L1"].pk),
        ("reconsideration.case", data["R1"].pk),
        ("indicators.collection_task", data["TB"].pk),
    ]
    assert [d.days_left for d in overdue] == [-7, -7, -6]
    soon = due.due_list(office, due.SOON, TODAY, 10)
    assert keys(soon) == [("reconsideration.case", data["R2"].pk), ("litigation.answer", data["L2"].pk)]
    assert [(d.due_on, d.days_left) for d in soon] == [(dt.date(2026, 3, 20), 4), (dt.date(2026, 3, 23), 7)]
    assert len(due.due_list(office, "", TODAY, 10)) == 6
    assert len(due.due_list(office, due.OVERDUE, TODAY, 2)) == 2


def test_a_row_names_record_rule_org_and_url(data, office, tree):
    rows = {(d.source, d.record.pk): d for d in due.due_list(office, "", TODAY, 10)}
    r1 = rows[("reconsideration.case", data["R1"].pk)]
    assert r1.rule == "审查是否受理（《中华人民共和国行政复议法》第三十条第一款）"
    assert r1.org == tree.city and r1.person is None  # the model names no handler: the org answers
    assert r1.title == f"{data['R1'].number} · 张三" and r1.url == reverse(
        "reconsideration:detail", args=[data["R1"].pk]
    )
    l1 = rows[("litigation.answer", data["L1"].pk)]
    assert l1.rule.startswith("答辩期限（《中华人民共和国行政诉讼法》第六十七条") and l1.org == tree.unit_a
    tb = rows[("indicators.collection_task", data["TB"].pk)]
    assert tb.org == tree.unit_b and tb.rule == "填报报送期限" and tb.days_left == -6


def test_the_reply_is_owed_by_the_respondent(data, office, tree):
    from fazhi.reconsideration import services as recon_services

    with at(TODAY):
        case = recon_services.accept_case(case=data["R1"], actor=office, accepted_on=dt.date(2026, 3, 9))
        case = recon_services.record_copy_served(case=case, actor=office, received_on=dt.date(2026, 3, 10))
    assert case.next_due == case.reply_due < case.decision_due
    row = next(
        d
        for d in due.due_list(office, "", TODAY, 10)
        if (d.source, d.record.pk) == ("reconsideration.case", case.pk)
    )
    assert row.org == tree.unit_a and row.rule.startswith("被申请人书面答复") and row.due_on == case.reply_due


def test_a_clerk_sees_only_the_own_units_obligations(data, clerk_a, clerk_b):
    a = due.due_list(clerk_a, "", TODAY, 10)
    assert keys(a) == [
        ("litigation.answer", data["L1"].pk),
        ("reconsideration.case", data["R1"].pk),
        ("indicators.collection_task", data["TA"].pk),
    ]
    assert (due.due_summary(clerk_a, TODAY)["overdue"], due.due_summary(clerk_a, TODAY)["soon"]) == (2, 0)
    b = due.due_summary(clerk_b, TODAY)
    assert (b["overdue"], b["soon"]) == (1, 2)


def test_closed_obligations_drop_out(data, office):
    from fazhi.litigation import services as lit_services

    with at(TODAY):
        lit_services.record_answer(case=data["L1"], actor=office, answered_on=TODAY)
    assert ("litigation.answer", data["L1"].pk) not in keys(due.due_list(office, "", TODAY, 10))
    assert due.due_summary(office, TODAY)["overdue"] == 2


def test_keyset_pages_walk_every_row_once(data, office):
    seen, cursor = [], None
    while True:
        rows, cursor = due.due_page(office, "", TODAY, cursor=cursor, size=2)
        seen += keys(rows)
        if cursor is None:
            break
    assert len(seen) == 6 and len(set(seen)) == 6
    assert seen == keys(due.due_list(office, "", TODAY, 10))
    assert due.decode_cursor("garbage") is None


def _rows_on(client, url):
    html = client.get(url).content.decode()
    return html.count('class="due-row"'), html


def test_home_overdue_number_equals_the_list_and_the_indicator(data, office, login, tree):
    client = login(office)
    with at(TODAY):
        home = client.get(reverse("home")).content.decode()
        number = int(re.search(r'id="due-overdue-count">(\d+)<', home).group(1))
        link = re.search(r'id="due-overdue-link" href="([^"]+)"', home).group(1).replace("&amp;", "&")
        rows, page = _rows_on(client, link)
        assert number == rows == 3
        soon = int(re.search(r'id="due-soon-count">(\d+)<', home).group(1))
        soon_link = re.search(r'id="due-soon-link" href="([^"]+)"', home).group(1).replace("&amp;", "&")
        assert soon == _rows_on(client, soon_link)[0] == 2
        # the short lists on home come from every app
        assert data["R1"].number in home and data["L1"].case_number in home and "2025年度统计表" in home
        # 超期未结 of 行政复议 (the indicator) = the protocol's overdue rows of that source
        indicator = compute(tree.city, Period.year(2026), ["reconsideration.overdue"])[
            "reconsideration.overdue"
        ].value
        recon_rows, _ = _rows_on(client, reverse("core-due") + "?kind=overdue&source=reconsideration.case")
        assert int(indicator) == recon_rows == 1


def test_list_page_filters_and_scope(data, clerk_a, login):
    client = login(clerk_a)
    with at(TODAY):
        rows, html = _rows_on(client, reverse("core-due"))
        assert rows == 3 and data["L2"].case_number not in html
        assert _rows_on(client, reverse("core-due") + "?kind=soon")[0] == 0
        assert _rows_on(client, reverse("core-due") + "?source=litigation.answer")[0] == 1
        # unknown filters are ignored, a bad cursor is the first page: never a 500
        assert client.get(reverse("core-due") + "?kind=x&source=y&cursor=z").status_code == 200


def test_list_page_needs_login(client):
    assert client.get(reverse("core-due")).status_code == 302


def test_list_page_queries_do_not_grow_with_rows(data, office, tree, login):
    client = login(office)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx, at(TODAY):
            assert client.get(reverse("core-due")).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first request of the session does more (session, password state)
    before = count()
    with at(TODAY):
        for day in (3, 4, 5):
            factories.register_case(
                office, org=tree.city, respondent=tree.unit_a, received_on=dt.date(2026, 3, day)
            )
    assert count() == before
