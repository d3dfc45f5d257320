"""行政复议 pages on the permission ladder: office works, own unit works, another unit 404, leader read-only,
anonymous to the login page. Plus keyset paging, query counts and what the case page explains."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.reconsideration import services
from fazhi.reconsideration.choices import Status
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.django_db
D = date
SHANGHAI = ZoneInfo("Asia/Shanghai")
LIST = reverse("reconsideration:list")
CREATE = reverse("reconsideration:create")


def detail(case) -> str:
    return reverse("reconsideration:detail", args=[case.pk])


def action(case, name: str) -> str:
    return reverse("reconsideration:action", args=[case.pk, name])


def listed(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/reconsideration/(\d+)/"', response.content.decode())}


def messages_of(response) -> list[str]:
    """The messages the request added (the redirect is not followed, so read them from the request)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def post(client, url: str, data: dict) -> list[str]:
    """POST an action, follow the redirect to the case page and return the messages it shows."""
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/reconsideration/")
    return [str(m) for m in response.context["messages"]]


def reload(case):
    return ReconsiderationCase.objects.get(pk=case.pk)


@pytest.fixture
def case_a(tree, office):
    """Unit A's case, received Fri 2025-01-24 (review due Fri 2/7), still 待审查."""
    return factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 24))


@pytest.fixture
def case_b(tree, office):
    return factories.register_case(
        office, org=tree.city, respondent=tree.unit_b, received_on=D(2025, 1, 27), applicant="赵六"
    )


# -- list -------------------------------------------------------------------------------------------------------
def test_list_office_and_leader_see_every_case(login, office, leader, case_a, case_b):
    for user in (office, leader):
        response = login(user).get(LIST)
        assert response.status_code == 200
        assert listed(response) == {case_a.pk, case_b.pk}
        assert "青府复〔2025〕1号" in response.content.decode()


def test_list_clerk_sees_only_own_units_cases(login, clerk_a, clerk_b, county_office, case_a, case_b):
    assert listed(login(clerk_a).get(LIST)) == {case_a.pk}
    assert listed(login(clerk_b).get(LIST)) == {case_b.pk}
    assert listed(login(county_office).get(LIST)) == set()


def test_list_overdue_filter_on_a_frozen_today(login, office, case_a, case_b):
    # case_a review due Fri 2/7; case_b received Mon 1/27 → 1/28–2/4 春节, 2/5, 2/6, 2/7, Sat 2/8 调休, Mon 2/10
    # → due Mon 2/10. On Sun 2/9 case_a is overdue and case_b due within 7 days.
    assert case_b.next_due == D(2025, 2, 10)
    with time_machine.travel(datetime(2025, 2, 9, 10, tzinfo=SHANGHAI), tick=False):
        c = login(office)
        assert listed(c.get(LIST, {"due": "overdue"})) == {case_a.pk}
        assert listed(c.get(LIST, {"due": "soon"})) == {case_b.pk}


def test_list_pages_numbered_with_total_and_sizes_then_by_keyset(tree, office, login, monkeypatch):
    for i in range(60):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 1) + timedelta(days=i)
        )
    c = login(office)
    first = c.get(LIST)
    body = first.content.decode()
    assert len(listed(first)) == 20 and "共 60 条" in body
    assert [p["number"] for p in first.context["pages"]] == [1, 2, 3]
    assert [s["size"] for s in first.context["page_sizes"]] == [10, 20, 50, 100]
    assert ">重置</a>" in body and '<th class="w-1">操作</th>' in body
    link = re.search(r'href="(\?[^"]*)">下一页</a>', body)
    assert link and "page=2" in link.group(1)
    second = c.get(LIST + html.unescape(link.group(1)))
    assert len(listed(second)) == 20 and listed(first).isdisjoint(listed(second))
    assert ">上一页</a>" in second.content.decode()
    # 50 a page: 50 then 10, newest first (2025-03-01 on page 1, 1/1 on page 2)
    big = c.get(LIST + "?size=50")
    assert len(listed(big)) == 50
    rest = c.get(LIST + "?size=50&page=2")
    assert len(listed(rest)) == 10 and "下一页" not in rest.content.decode()
    newest = ReconsiderationCase.objects.get(received_on=D(2025, 3, 1))
    oldest = ReconsiderationCase.objects.get(received_on=D(2025, 1, 1))
    assert newest.pk in listed(big) and oldest.pk in listed(rest)
    # Past the numbered pages, 下一页 continues by keyset (as fast deep down as on page 1)
    from fazhi.core import web

    monkeypatch.setattr(web, "MAX_OFFSET", 20)
    page2 = c.get(LIST + "?page=2").content.decode()
    keyset = re.search(r'href="(\?[^"]*after=[^"]*)">下一页</a>', page2)
    assert keyset, "the last numbered page continues by keyset"
    third = c.get(LIST + html.unescape(keyset.group(1)))
    assert len(listed(third)) == 20 and "回到第一页" in third.content.decode()
    assert c.get(LIST + "?page=4").status_code == 400  # beyond the numbered pages: 400 in Chinese


def test_list_query_count_does_not_grow_with_rows(tree, office, login):
    c = login(office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    for i in range(5):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 1) + timedelta(days=i)
        )
    queries()  # warm-up (session, content types)
    five = queries()
    for i in range(5, 50):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_b, received_on=D(2025, 1, 1) + timedelta(days=i)
        )
    assert queries() == five


def test_list_page_has_a_fixed_query_budget(tree, office, login, django_assert_max_num_queries):
    for i in range(50):
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 1) + timedelta(days=i)
        )
    c = login(office)
    c.get(LIST)
    with django_assert_max_num_queries(12):
        c.get(LIST)


# -- detail -----------------------------------------------------------------------------------------------------
def test_detail_shows_the_deadline_explanation_and_history(login, office, case_a):
    services.accept_case(case=case_a, actor=office, accepted_on=D(2025, 1, 27))
    response = login(office).get(detail(case_a))
    assert response.status_code == 200
    page = response.content.decode()
    # Accepted Mon 1/27: 60 days end Fri 3/28, a working day (Jan 28–31 = 4, February = 28 (32), March 1–28 (60)).
    assert "作出行政复议决定（普通程序）" in page
    assert "依据《中华人民共和国行政复议法》第六十二条第一款" in page
    assert "期限届满日为2025年3月28日（星期五）" in page
    # History: who did what, with the status change as labels (not codes).
    assert "收到申请" in page and "受理" in page
    assert "待审查 → 审理中" in page
    assert "林晓燕" in page and ">office<" not in page  # the person, not the login
    # Timeline.
    assert "收到申请" in page and "2025-01-27" in page


def test_detail_of_a_received_case_explains_the_review_across_the_spring_festival(login, office, case_a):
    page = login(office).get(detail(case_a)).content.decode()
    assert "审查是否受理" in page
    assert "2025年1月26日（星期日，春节调休上班日，计为工作日）" in page
    assert "期限届满日为2025年2月7日（星期五）" in page


def test_detail_offers_the_actions_each_persona_may_take(login, office, clerk_a, leader, case_a):
    def offered(user) -> set[str]:
        return set(re.findall(r'data-action="(\w+)"', login(user).get(detail(case_a)).content.decode()))

    assert offered(office) == {"request_correction", "accept", "reject"}
    assert offered(clerk_a) == set()
    assert offered(leader) == set()
    services.accept_case(case=case_a, actor=office, accepted_on=D(2025, 1, 27))
    # The respondent's clerk may only record the reply.
    assert offered(clerk_a) == {"reply"}
    assert offered(leader) == set()


def test_action_form_dates_default_to_today_in_iso_format(login, office, case_a):
    # <input type="date"> only accepts YYYY-MM-DD; a localised 2025/03/01 is discarded by browsers.
    with time_machine.travel(datetime(2025, 3, 1, 10, tzinfo=SHANGHAI), tick=False):
        page = login(office).get(detail(case_a)).content.decode()
        assert 'name="accepted_on" value="2025-03-01"' in page
        page = login(office).get(CREATE).content.decode()
        assert 'name="received_on" value="2025-03-01"' in page


# -- create -----------------------------------------------------------------------------------------------------
def register_form(tree, **extra) -> dict:
    data = {
        "org": tree.city.pk,
        "respondent": tree.unit_a.pk,
        "received_on": "2025-01-24",
        "applicant_name": "张三",
        "applicant_kind": "person",
        "applicant_id_number": "",
        "representative": "",
        "other_applicants": "李四\n王五",
        "act_type": "penalty",
        "act_field": "",
        "act_description": "罚款二千元",
        "channel": "",
        "procedure": "ordinary",
    }
    data.update(extra)
    return data


def test_create_by_office(login, office, tree):
    c = login(office)
    assert c.get(CREATE).status_code == 200
    response = c.post(CREATE, register_form(tree))
    case = ReconsiderationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(case)
    assert case.number == "青府复〔2025〕1号"
    assert case.applicant_summary == "张三、李四、王五"
    assert case.acceptance_due == D(2025, 2, 7)
    assert messages_of(response) == ["已登记复议申请 青府复〔2025〕1号，受理审查期限 2025年02月07日。"]


def test_create_refused_for_leader_and_clerk(login, leader, clerk_a, tree, client):
    response = login(leader).post(CREATE, register_form(tree))
    assert response.status_code == 200
    assert "无权办理该复议机关的案件" in response.content.decode()
    # A clerk is not offered any 复议机关 at all.
    response = login(clerk_a).post(CREATE, register_form(tree, respondent=tree.unit_a.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["org"]
    response = client.post(CREATE, register_form(tree))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert ReconsiderationCase.objects.count() == 0


def test_create_shows_field_errors(login, office, tree):
    response = login(office).post(CREATE, register_form(tree, received_on="", applicant_name=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"received_on", "applicant_name"}
    assert ReconsiderationCase.objects.count() == 0


# -- actions ----------------------------------------------------------------------------------------------------
def test_action_by_office_accepts(login, office, case_a):
    response = login(office).post(
        action(case_a, "accept"), {"accepted_on": "2025-01-27", "procedure": "ordinary"}
    )
    assert response.status_code == 302 and response["Location"] == detail(case_a)
    assert messages_of(response) == ["已受理。"]
    case = reload(case_a)
    assert case.status == Status.HEARING
    assert case.decision_due == D(2025, 3, 28)


def test_action_refusals_become_messages(login, office, case_a):
    c = login(office)
    assert post(c, action(case_a, "decide"), {"decision": "uphold", "decided_on": "2025-03-01"}) == [
        "作出决定未完成：案件 青府复〔2025〕1号 当前状态为「待审查」，不能「作出决定」：只有「审理中、中止」状态的案件可以作出决定。"
    ]
    assert post(c, action(case_a, "accept"), {"accepted_on": "", "procedure": "ordinary"}) == [
        "受理未完成：受理日期：这个字段是必填项。"
    ]
    assert "未知的操作：approve" in post(c, action(case_a, "approve"), {})[0]
    assert reload(case_a).status == Status.RECEIVED


def test_action_clerk_cannot_accept_but_records_own_units_reply(login, office, clerk_a, case_a):
    c = login(clerk_a)
    assert post(c, action(case_a, "accept"), {"accepted_on": "2025-01-27", "procedure": "ordinary"}) == [
        "无权办理该复议机关的案件"
    ]
    assert reload(case_a).status == Status.RECEIVED
    services.accept_case(case=reload(case_a), actor=office, accepted_on=D(2025, 1, 27))
    services.record_copy_served(case=reload(case_a), actor=office, received_on=D(2025, 2, 5))
    assert post(c, action(case_a, "decide"), {"decision": "revoke", "decided_on": "2025-03-01"}) == [
        "无权办理该复议机关的案件"
    ]
    assert reload(case_a).status == Status.HEARING
    assert post(c, action(case_a, "reply"), {"replied_on": "2025-02-12"}) == ["已登记答复。"]
    assert reload(case_a).replied_on == D(2025, 2, 12)
    assert reload(case_a).history.first().history_user == clerk_a


def test_action_other_unit_is_404_leader_is_refused_anonymous_to_login(
    login, clerk_b, leader, client, case_a
):
    data = {"accepted_on": "2025-01-27", "procedure": "ordinary"}
    assert login(clerk_b).post(action(case_a, "accept"), data).status_code == 404
    assert post(login(leader), action(case_a, "accept"), data) == ["无权办理该复议机关的案件"]
    response = client.post(action(case_a, "accept"), data)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert reload(case_a).status == Status.RECEIVED


def test_action_needs_post(login, office, case_a):
    assert login(office).get(action(case_a, "accept")).status_code == 405


# -- record versions (issue 8, defect 5: a form filled in before another change is refused) ---------------------
def form_versions(response) -> set[str]:
    return set(re.findall(r'<input type="hidden" name="version" value="(\d+)">', response.content.decode()))


def test_every_action_form_carries_the_case_version(login, office, case_a):
    page = login(office).get(detail(case_a))
    html = page.content.decode()
    # every action form, and the 作废 form
    assert html.count('name="version"') == html.count("data-action=") + html.count('/void/"') > 1
    assert form_versions(page) == {"1"}
    services.accept_case(case=reload(case_a), actor=office, accepted_on=D(2025, 1, 27))
    assert form_versions(login(office).get(detail(case_a))) == {"2"}


def test_a_stale_action_form_is_refused_and_changes_nothing(login, office, reviewer, case_a):
    services.accept_case(case=reload(case_a), actor=office, accepted_on=D(2025, 1, 27))
    office_page = login(office)
    assert form_versions(office_page.get(detail(case_a))) == {"2"}
    # While the office's page is open, the reviewer extends the case by 20 days.
    services.extend_case(
        case=reload(case_a), actor=reviewer, approved_on=D(2025, 3, 1), days=20, approver="李主任"
    )
    data = {"approved_on": "2025-03-02", "days": "10", "approver": "李主任", "version": "2"}
    assert post(office_page, action(case_a, "extend"), data) == [
        "延期未完成：该记录已被他人修改，请刷新后重试"
    ]
    case = reload(case_a)
    assert (case.extension_days, case.extension_approved_on, case.version) == (20, D(2025, 3, 1), 3)
    assert case.events.filter(kind="extended").count() == 1
    # After a refresh the form carries version 3 and goes through (20 + 10 = 30 days, the statutory maximum).
    assert form_versions(office_page.get(detail(case_a))) == {"3"}
    assert post(office_page, action(case_a, "extend"), {**data, "version": "3"}) == ["已延期。"]
    assert reload(case_a).extension_days == 30


def test_a_stale_form_is_refused_even_where_the_action_would_still_be_allowed(
    login, office, reviewer, case_a
):
    page_version = form_versions(login(office).get(detail(case_a))).pop()
    services.request_correction(
        case=reload(case_a), actor=reviewer, notice_on=D(2025, 1, 27), items="身份证明"
    )
    services.receive_correction(case=reload(case_a), actor=reviewer, received_on=D(2025, 2, 3))
    assert reload(case_a).status == Status.RECEIVED  # 受理 is allowed again, but not from a page drawn before
    data = {"accepted_on": "2025-02-05", "procedure": "ordinary", "version": page_version}
    assert post(login(office), action(case_a, "accept"), data) == [
        "受理未完成：该记录已被他人修改，请刷新后重试"
    ]
    assert reload(case_a).status == Status.RECEIVED and reload(case_a).accepted_on is None


def test_a_malformed_version_is_refused_in_chinese(login, office, case_a):
    data = {"accepted_on": "2025-01-27", "procedure": "ordinary", "version": "abc"}
    assert post(login(office), action(case_a, "accept"), data) == ["受理未完成：版本号（version）应为整数"]
    assert reload(case_a).status == Status.RECEIVED


def test_list_sorts_by_a_whitelisted_column_and_keeps_keyset_for_the_default(tree, office, login):
    """期限 and 收到日期 sort from their headers (?sort=due ascending, -due descending; closed cases, without a
    deadline, last either way); the default order (newest first) still pages by keyset; a column the list does not
    sort by, or a keyset cursor with another order, is a 400 in Chinese."""
    cases = [
        factories.register_case(
            office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 1, 1) + timedelta(days=i)
        )
        for i in range(12)
    ]
    c = login(office)
    body = c.get(LIST).content.decode()
    assert 'href="?sort=due"' in body and "当前期限" in body  # the header is a link
    assert 'aria-sort="descending"' in body  # the date, newest first, is the default order
    by_due = c.get(LIST, {"sort": "due", "size": 10})
    dues = [r.next_due for r in by_due.context["page"].rows]
    assert dues == sorted(dues) and len(dues) == 10
    assert "当前期限 ↑" in by_due.content.decode()
    assert re.search(r'href="\?[^"]*page=2[^"]*">下一页</a>', by_due.content.decode())
    rest = c.get(LIST, {"sort": "due", "size": 10, "page": 2})
    assert {r.pk for r in rest.context["page"].rows} == {x.pk for x in cases} - {
        r.pk for r in by_due.context["page"].rows
    }
    desc = [r.next_due for r in c.get(LIST, {"sort": "-due"}).context["page"].rows]
    assert desc == sorted(desc, reverse=True)
    oldest_first = c.get(LIST, {"sort": "received_on"}).context["page"].rows
    assert oldest_first[0].pk == cases[0].pk
    assert c.get(LIST, {"sort": "applicant_summary"}).status_code == 400
    assert "（排序）无效" in c.get(LIST, {"sort": "password"}).content.decode()
    assert c.get(LIST, {"sort": "due", "after": f"2025-01-05_{cases[4].pk}"}).status_code == 400
    # the default order is unchanged: newest first, and a cursor still continues it
    default = c.get(LIST, {"after": f"2025-01-05_{cases[4].pk}"}).context["page"].rows
    assert [r.pk for r in default] == [x.pk for x in reversed(cases[:4])]
