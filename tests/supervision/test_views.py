"""督察, 考评 and 述法 pages: Chinese on screen, actions for the right persona, refusals as messages, figures on
the ledger, the ranking, and query counts that do not grow with rows."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.supervision import services
from fazhi.supervision.choices import ProblemStatus
from fazhi.supervision.models import Inspection, Problem, Scheme, Shufa

from . import factories as f

pytestmark = pytest.mark.django_db
LIST = reverse("supervision:list")
# identifiers or codes that must not reach the screen
LEAKS = re.compile(r">\s*(pending|rectifying|applied|closed|onsite|special|inspection|case_review|manual|indicator|"
                   r"deduction|government|department|reported|reviewed|None)\s*<")  # fmt: skip


def body(response) -> str:
    assert response.status_code == 200
    text = response.content.decode()
    assert not LEAKS.search(text), LEAKS.search(text).group(0)
    return text


def messages(client, url, data) -> list[str]:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_the_ledger_shows_its_figures_and_the_detail_its_actions(tree, office, clerk_a, leader, login):
    insp = f.inspection(office, tree)
    p = f.problem(office, tree.unit_a, insp=insp)
    f.closed_problem(office, office, tree.unit_b, insp=insp)
    text = body(login(office).get(LIST))
    assert "发现问题 <strong>2</strong> 个" in text and "整改率 <strong>50.0%</strong>" in text
    detail = reverse("supervision:detail", args=[p.pk])
    assert "/action/plan/" in body(login(clerk_a).get(detail))
    assert "/action/plan/" not in body(login(leader).get(detail))
    page = body(login(office).get(reverse("supervision_inspections:detail", args=[insp.pk])))
    assert "发现问题 2 个，已整改（销号） 1 个，整改率 50.0%" in page


def test_rectify_apply_refuse_and_close_through_the_pages(tree, office, clerk_a, login):
    p = f.problem(office, tree.unit_a)
    unit, office_c = login(clerk_a), login(office)
    act = lambda name: reverse("supervision:action", args=[p.pk, name])  # noqa: E731
    assert messages(unit, act("plan"), {"measures": "修订文书", "planned_on": "2025-05-25"}) == [
        "已制定整改措施。"
    ]
    assert messages(unit, act("apply"), {"note": "完成", "applied_on": "2025-06-10"}) == ["已申请销号。"]
    assert messages(unit, act("approve"), {"closed_on": "2025-06-12"}) == ["销号由法治办审核：无权审核该问题"]
    refused = messages(office_c, act("refuse"), {"reason": "", "refused_on": "2025-06-12"})
    assert refused[0].startswith("退回整改未完成") and "退回理由" in refused[0]
    assert messages(office_c, act("refuse"), {"reason": "缺少佐证材料", "refused_on": "2025-06-12"}) == [
        "已退回整改。"
    ]
    messages(unit, act("apply"), {"note": "已补充", "applied_on": "2025-06-15"})
    assert messages(office_c, act("approve"), {"closed_on": "2025-06-16"}) == ["已销号。"]
    assert Problem.objects.get(pk=p.pk).status == ProblemStatus.CLOSED


def test_create_pages_register_an_inspection_a_problem_a_scheme_and_a_shufa(tree, office, clerk_a, login):
    c = login(office)
    r = c.post(
        reverse("supervision_inspections:create"),
        {
            "org": tree.city.pk,
            "title": "专项督察",
            "kind": "special",
            "units": [tree.unit_a.pk, tree.unit_b.pk],
            "started_on": "2025-05-01",
        },
    )
    insp = Inspection.objects.get()
    assert r.status_code == 302 and insp.inspected_units.count() == 2
    r = c.post(
        reverse("supervision:create"),
        {
            "org": tree.unit_a.pk,
            "source": "inspection",
            "inspection": insp.pk,
            "description": "执法公示不及时",
            "found_on": "2025-05-10",
            "rectify_due": "2025-04-10",
        },
    )
    assert "整改期限（2025-04-10）不能早于发现日期（2025-05-10）" in body(r)
    r = c.post(
        reverse("supervision_schemes:create"),
        {"org": tree.city.pk, "year": 2025, "name": "考评细则", "adopted_on": "2025-03-01"},
    )
    assert r.status_code == 302 and Scheme.objects.count() == 1
    r = login(clerk_a).post(
        reverse("supervision_shufa:create"),
        {
            "org": tree.unit_a.pk,
            "year": 2024,
            "leader": "王建国",
            "title": "局长",
            "held_on": "2025-01-20",
            "meeting": "述法评议会",
        },
    )
    assert r.status_code == 302 and Shufa.objects.get().org == tree.unit_a


def test_the_scheme_page_ranks_each_peer_group(tree, office, reviewer, login):
    s = f.scheme(office, tree)
    first = s.items.get(seq=1)
    day = date(2026, 1, 10)
    for unit, score in ((tree.unit_a, 18), (tree.unit_b, 18), (tree.county, 15)):
        services.score_unit(
            case=s, actor=reviewer, item=first, unit=unit, score=Decimal(score), scored_on=day
        )
    text = body(login(reviewer).get(reverse("supervision_schemes:detail", args=[s.pk])))
    assert "县（市、区）政府排名" in text and "部门排名" in text
    assert text.count("<tr><td>1</td><td>青城") == 3  # the county alone, the two departments tied
    assert "评分" in text and "公布结果" not in text  # an assessor scores; publishing is the office's


def test_the_shufa_review_is_the_offices(tree, office, clerk_a, login):
    rec = f.shufa(clerk_a, tree.unit_a)
    url = reverse("supervision_shufa:action", args=[rec.pk, "review"])
    data = {"result": "good", "comment": "较好", "reviewed_on": "2025-01-25"}
    assert "无权评议" in messages(login(clerk_a), url, data)[0]
    assert messages(login(office), url, data) == ["已评议。"]
    assert "较好" in body(login(office).get(reverse("supervision_shufa:detail", args=[rec.pk])))


def test_ledger_query_count_does_not_grow_with_rows(tree, office, login):
    c = login(office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            body(c.get(LIST))
        return len(ctx.captured_queries)

    for i in range(5):
        f.problem(office, tree.unit_a, found_on=date(2025, 1, 1) + timedelta(days=i))
    queries()
    five = queries()
    for i in range(5, 40):
        f.problem(office, tree.unit_b, found_on=date(2025, 1, 1) + timedelta(days=i))
    assert queries() == five


@pytest.mark.parametrize("persona", ["office", "reviewer", "leader", "clerk_a"])
def test_no_codes_or_english_on_the_supervision_pages_with_records(tree, personas, client, persona):
    from tests.pages.test_page_walk import walk

    office, clerk_a, reviewer = personas.office, personas.clerk_a, personas.reviewer
    insp = f.inspection(office, tree)
    f.problem(office, tree.unit_a, insp=insp)
    f.closed_problem(office, clerk_a, tree.unit_a, insp=insp, description="执法公示不及时")
    s = f.scheme(office, tree)
    services.compute_scores(case=s, actor=reviewer, computed_on=date(2026, 1, 10))
    services.review_shufa(
        case=f.shufa(clerk_a, tree.unit_a),
        actor=office,
        result="good",
        comment="较好",
        reviewed_on=date(2025, 1, 25),
    )
    found = walk(client, getattr(personas, persona))
    assert not found, "\n".join(f"{u}: {sorted(w)}" for u, w in found.items())
