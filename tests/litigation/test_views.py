"""行政应诉 pages on the permission ladder, keyset paging and query counts, and what the case page explains."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.litigation import services
from fazhi.litigation.choices import Appearance, Status
from fazhi.litigation.models import LitigationCase
from tests import factories

pytestmark = pytest.mark.django_db
D = date
LIST = reverse("litigation:list")
CREATE = reverse("litigation:create")


def detail(case) -> str:
    return reverse("litigation:detail", args=[case.pk])


def action(case, name: str) -> str:
    return reverse("litigation:action", args=[case.pk, name])


def listed(response) -> set[int]:
    assert response.status_code == 200
    return {int(pk) for pk in re.findall(r'href="/litigation/(\d+)/"', response.content.decode())}


def post(client, url: str, data: dict) -> list[str]:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def reload(case) -> LitigationCase:
    return LitigationCase.objects.get(pk=case.pk)


@pytest.fixture
def suit_a(tree, office):
    """Unit A sued; complaint copy received Tue 2025-09-16 → answer due Thu 10/9 (day 15 = 10/1, 国庆)."""
    return factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）青01行初15号",
        complaint_received_on=D(2025, 9, 16),
    )


@pytest.fixture
def suit_b(tree, office):
    return factories.litigation_case(
        office,
        defendant=tree.unit_b,
        case_number="（2025）青01行初16号",
        complaint_received_on=D(2025, 9, 17),
    )


def test_list_ladder(login, client, office, leader, clerk_a, clerk_b, county_office, suit_a, suit_b):
    assert listed(login(office).get(LIST)) == {suit_a.pk, suit_b.pk}
    assert listed(login(leader).get(LIST)) == {suit_a.pk, suit_b.pk}
    assert listed(login(clerk_a).get(LIST)) == {suit_a.pk}
    assert listed(login(clerk_b).get(LIST)) == {suit_b.pk}
    assert listed(login(county_office).get(LIST)) == set()
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_detail_explains_the_answer_deadline_and_shows_history(login, office, suit_a):
    page = login(office).get(detail(suit_a)).content.decode()
    assert "《中华人民共和国行政诉讼法》第六十七条第一款" in page
    assert "期限届满日顺延至2025年10月9日（星期四）" in page
    assert "登记应诉案件" in page and "林晓燕" in page
    services.record_judgment(case=suit_a, actor=office, result="revoke", judged_on=D(2025, 11, 10))
    page = login(office).get(detail(suit_a)).content.decode()
    assert "审理中 → 已判决/裁定" in page  # the status change as labels
    assert "败诉" in page


def test_detail_offers_actions_to_writers_only(login, office, clerk_a, leader, suit_a):
    def offered(user) -> set[str]:
        return set(re.findall(r'data-action="(\w+)"', login(user).get(detail(suit_a)).content.decode()))

    assert offered(office) == {"answer", "hearing", "judge"}
    assert offered(clerk_a) == {"answer", "hearing", "judge"}
    assert offered(leader) == set()


def test_create_by_office_and_by_the_units_clerk(login, office, clerk_a, tree):
    data = {
        "defendant": tree.unit_a.pk,
        "court": "青城市中级人民法院",
        "case_number": "（2025）青01行初15号",
        "stage": "first",
        "plaintiff": "李四",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": "2025-09-16",
        "reconsideration_number": "",
    }
    response = login(office).post(CREATE, data)
    case = LitigationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(case)
    assert case.answer_due == D(2025, 10, 9)
    response = login(clerk_a).post(CREATE, {**data, "case_number": "（2025）青01行初16号"})
    assert response.status_code == 302
    assert LitigationCase.objects.get(case_number="（2025）青01行初16号").created_by == clerk_a
    # The same number at the same court again: refused with the reason.
    response = login(office).post(CREATE, data)
    assert response.status_code == 200
    assert "案号 （2025）青01行初15号 在 青城市中级人民法院 已登记" in response.content.decode()


def test_create_refused_for_leader_other_clerk_and_anonymous(login, client, leader, clerk_b, tree):
    data = {
        "defendant": tree.unit_a.pk,
        "court": "青城市中级人民法院",
        "case_number": "（2025）青01行初15号",
        "stage": "first",
        "plaintiff": "李四",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": "2025-09-16",
    }
    response = login(leader).post(CREATE, data)
    assert response.status_code == 200 and "无权办理该单位的应诉案件" in response.content.decode()
    response = login(clerk_b).post(CREATE, data)
    assert response.status_code == 200 and response.context["form"].errors["defendant"]
    response = client.post(CREATE, data)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert LitigationCase.objects.count() == 0


def test_create_links_a_visible_reconsideration_case_by_number(login, office, clerk_b, tree):
    recon = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2025, 6, 9))
    data = {
        "defendant": tree.unit_a.pk,
        "court": "青城市中级人民法院",
        "case_number": "（2025）青01行初30号",
        "stage": "first",
        "plaintiff": "李四",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": "2025-09-16",
        "reconsideration_number": "青府复〔2025〕9号",
    }
    response = login(office).post(CREATE, data)
    assert "找不到复议案件「青府复〔2025〕9号」或无权查看" in response.content.decode()
    login(office).post(CREATE, {**data, "reconsideration_number": recon.number})
    assert LitigationCase.objects.get().reconsideration == recon


def test_actions_on_the_ladder(login, client, office, clerk_a, clerk_b, leader, suit_a):
    hearing = {
        "held_on": "2025-10-20",
        "appearance": Appearance.DEPUTY,
        "appearing_person": "赵六",
        "appearing_title": "副局长",
    }
    # The defendant's own clerk records the hearing; another unit's clerk gets 404; the leader is refused.
    assert login(clerk_b).post(action(suit_a, "hearing"), hearing).status_code == 404
    assert post(login(leader), action(suit_a, "hearing"), hearing) == ["无权办理该单位的应诉案件"]
    response = client.post(action(suit_a, "hearing"), hearing)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert reload(suit_a).hearing_count == 0
    assert post(login(clerk_a), action(suit_a, "hearing"), hearing) == ["已登记开庭。"]
    assert reload(suit_a).head_appeared is True
    assert post(
        login(office), action(suit_a, "judge"), {"result": "confirm_illegal", "judged_on": "2025-11-10"}
    ) == ["已登记裁判结果。"]
    case = reload(suit_a)
    assert (case.status, case.lost) == (Status.JUDGED, True)
    assert login(office).get(action(suit_a, "close")).status_code == 405


def test_action_refusals_become_messages(login, office, suit_a):
    c = login(office)
    assert post(
        c, action(suit_a, "hearing"), {"held_on": "2025-10-20", "appearance": "head", "appearing_person": ""}
    ) == ["登记开庭未完成：负责人出庭的，请填写出庭负责人姓名"]
    assert post(c, action(suit_a, "close"), {"closed_on": "2025-12-01"})[0].startswith(
        "结案未完成：案件 （2025）青01行初15号 当前状态为「审理中」"
    )


def test_list_pages_by_keyset(tree, office, login):
    for i in range(60):
        factories.litigation_case(
            office,
            defendant=tree.unit_a,
            case_number=f"（2025）青01行初{i + 1}号",
            complaint_received_on=D(2025, 1, 1) + timedelta(days=i),
        )
    c = login(office)
    first = c.get(LIST + "?size=50")
    assert len(listed(first)) == 50 and "共 60 条" in first.content.decode()
    link = re.search(r'href="(\?[^"]*)">下一页</a>', first.content.decode())
    assert link
    second = c.get(LIST + html.unescape(link.group(1)))
    assert len(listed(second)) == 10
    assert listed(first).isdisjoint(listed(second))
    assert "下一页" not in second.content.decode()


def test_list_query_count_does_not_grow_with_rows(tree, office, login):
    c = login(office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    recon = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=D(2024, 12, 1))
    for i in range(5):
        factories.litigation_case(
            office,
            defendant=tree.unit_a,
            case_number=f"（2025）青01行初{i + 1}号",
            complaint_received_on=D(2025, 1, 1) + timedelta(days=i),
            reconsideration=recon,
        )
    queries()
    five = queries()
    for i in range(5, 50):
        factories.litigation_case(
            office,
            defendant=tree.unit_b,
            case_number=f"（2025）青01行初{i + 1}号",
            complaint_received_on=D(2025, 1, 1) + timedelta(days=i),
            reconsideration=recon,
        )
    assert queries() == five


# -- record versions (issue 8, defect 5) -------------------------------------------------------------------------
def test_a_stale_judgment_form_is_refused_and_changes_nothing(login, office, clerk_a, suit_a):
    page = login(office).get(detail(suit_a)).content.decode()
    assert set(re.findall(r'<input type="hidden" name="version" value="(\d+)">', page)) == {"1"}
    services.record_judgment(
        case=LitigationCase.objects.get(pk=suit_a.pk),
        actor=clerk_a,
        result="dismiss_claim",
        judged_on=D(2025, 12, 1),
    )
    response = login(office).post(
        action(suit_a, "judge"), {"result": "revoke", "judged_on": "2025-12-02", "version": "1"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "登记裁判结果未完成：该记录已被他人修改，请刷新后重试"
    ]
    suit = LitigationCase.objects.get(pk=suit_a.pk)
    assert (suit.result, suit.lost, suit.version) == ("dismiss_claim", False, 2)
