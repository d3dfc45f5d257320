"""合法性审核 pages and API: Chinese pages that explain both clocks, the review actions, the counsel register, the
two registers behind the figures, the drill-down, and the JSON API in the user's scope."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from fazhi.indicators.registry import Period, compute
from fazhi.indicators.selectors import drill_url
from fazhi.legality import services
from fazhi.legality.choices import CounselKind, Opinion, Status, SubjectKind
from fazhi.legality.models import ReviewRequest
from tests import factories as core_factories
from tests.legality import factories

pytestmark = pytest.mark.django_db
D = date
ENGLISH = re.compile(r">[^<]*\b(?:None|True|False|received|reviewing|agree_revised|public_lawyer)\b[^<]*<")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    assert not ENGLISH.search(body), ENGLISH.search(body).group(0)
    return body


@pytest.fixture
def done(tree, office, reviewer):
    """Unit A's contract reviewed with an adviser's opinion, two points raised; unit B's draft still open."""
    adviser = factories.counsel(office, unit=tree.city, name="孙顾问")
    r = factories.review(
        office, unit=tree.unit_a, subject_kind=SubjectKind.CONTRACT, title="停车场特许经营协议",
        requested_by=D(2025, 9, 19),
    )  # fmt: skip
    services.start_review(case=r, actor=reviewer, started_on=D(2025, 9, 16))
    services.record_counsel_opinion(
        case=r, actor=reviewer, counsel=adviser, given_on=D(2025, 9, 17), text="可签"
    )
    services.give_opinion(
        case=ReviewRequest.objects.get(pk=r.pk), actor=reviewer, opinion=Opinion.AGREE_REVISED,
        opinion_text="修改后同意", opinion_on=D(2025, 9, 22), points="补充违约责任\n明确争议解决方式",
    )  # fmt: skip
    other = factories.review(office, unit=tree.unit_b, received_on=D(2025, 10, 9))
    return ReviewRequest.objects.get(pk=r.pk), other, adviser


def test_pages_in_chinese(done, login, office):
    r, other, adviser = done
    client = login(office)
    body = page(client, reverse("legality:list"))
    assert r.number in body and "送审过晚" in body and "修改后同意" in body
    body = page(client, reverse("legality:detail", args=[r.pk]))
    assert "《重大行政决策程序暂行条例》第二十六条第二款" in body and "送审过晚" in body
    assert "孙顾问" in body and "补充违约责任" in body
    body = page(client, reverse("legality:detail", args=[other.pk]))
    assert "本级合法性审核办理时限为10个工作日" in body and "开始审核" in body
    body = page(client, reverse("legality:counsel_list"))
    assert "孙顾问" in body and "法律顾问" in body
    body = page(client, reverse("legality:counsel_detail", args=[adviser.pk]))
    assert r.number in body and "续聘" in body
    assert "补充违约责任" in page(client, reverse("legality:points"))
    assert "可签" in page(client, reverse("legality:counsel_opinions"))
    page(client, reverse("legality:create"))
    page(client, reverse("legality:counsel_create"))


def test_register_and_act_through_the_pages(tree, login, office, reviewer):
    client = login(office)
    response = client.post(
        reverse("legality:create"),
        {
            "unit": tree.unit_a.pk,
            "title": "关于规范农贸市场管理的通知（草案）",
            "subject_kind": "normative",
            "received_on": "2025-09-15",
            "requested_by": "2025-09-18",
        },  # fmt: skip
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("已收件" in m and "一般不少于7个工作日" in m for m in messages), messages
    r = ReviewRequest.objects.get()
    client = login(reviewer)
    client.post(reverse("legality:action", args=[r.pk, "start"]), {"started_on": "2025-09-16"})
    response = client.post(
        reverse("legality:action", args=[r.pk, "give_opinion"]),
        {"opinion": "agree", "opinion_on": "2025-09-20", "opinion_text": "同意印发"},
        follow=True,
    )
    assert any("已出具审核意见" in str(m) for m in response.context["messages"])
    assert ReviewRequest.objects.get().status == Status.OPINION


def test_the_counsel_form_offers_only_the_jurisdictions_register(
    tree, login, office, county_office, reviewer
):
    factories.counsel(office, unit=tree.city, name="市顾问")
    factories.counsel(county_office, unit=tree.county_unit, name="县顾问")
    r = factories.review(office, unit=tree.unit_a)
    services.start_review(case=r, actor=reviewer, started_on=D(2025, 9, 16))
    body = page(login(reviewer), reverse("legality:detail", args=[r.pk]))
    assert "市顾问" in body and "县顾问" not in body


def test_another_units_clerk_sees_nothing(done, login, clerk_b, clerk_a, office):
    r, other, adviser = done
    body = page(login(clerk_b), reverse("legality:list"))
    assert r.number not in body and other.number in body
    assert r.number not in page(login(clerk_b), reverse("legality:points"))
    assert login(clerk_b).get(reverse("legality:detail", args=[r.pk])).status_code == 404
    # Unit A's clerk reads its own request, but is offered no review action; the office is.
    body = page(login(clerk_a), reverse("legality:detail", args=[r.pk]))
    assert "data-action=" not in body
    assert 'data-action="close"' in page(login(office), reverse("legality:detail", args=[r.pk]))


def test_every_figure_drills_down_to_as_many_rows(done, login, office, tree):
    client = login(office)
    values = compute(tree.city, Period.year(2025))
    keys = [k for k in values if k.startswith(("legality.", "counsel.")) and drill_url(values[k])]
    assert {
        "legality.reviews",
        "legality.review_points",
        "counsel.participations",
        "counsel.legal_advisers",
    } <= set(keys)
    for key in keys:
        v = values[key]
        expected = v.numerator if v.denominator is not None else v.value
        body = client.get(drill_url(v)).content.decode()
        tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        assert len(re.findall(r"<tr><td><a href=", tbody)) == (expected or 0), key
    assert values["legality.reviews"].value == 2
    assert values["legality.contract_reviews"].value == 1
    assert values["legality.review_points"].value == 2
    assert values["legality.reviews_short_notice"].value == 1
    assert values["counsel.participations"].value == 1
    assert values["counsel.legal_advisers"].value == 1
    assert values["counsel.review_share"].value == 100
    assert values["legality.review_on_time_rate"].value == 100


def test_counsel_counted_at_the_end_of_the_period(tree, office):
    factories.counsel(office, unit=tree.city, name="甲", end_on=D(2025, 6, 30))
    factories.counsel(
        office, unit=tree.unit_a, name="乙", kind=CounselKind.PUBLIC_LAWYER, start_on=D(2025, 3, 1)
    )
    y24 = compute(tree.city, Period.year(2024), ["counsel.legal_advisers", "counsel.public_lawyers"])
    y25 = compute(tree.city, Period.year(2025), ["counsel.legal_advisers", "counsel.public_lawyers"])
    assert (y24["counsel.legal_advisers"].value, y24["counsel.public_lawyers"].value) == (1, 0)
    assert (y25["counsel.legal_advisers"].value, y25["counsel.public_lawyers"].value) == (0, 1)


def test_overdue_requests_reach_the_due_list(tree, office, reviewer, clerk_b):
    from fazhi.core.due import due_summary

    r = factories.review(office, unit=tree.unit_a, received_on=D(2025, 9, 15))  # due Sun 9/28 (调休)
    factories.review(office, unit=tree.unit_b, received_on=D(2025, 9, 15))
    services.start_review(case=r, actor=reviewer, started_on=D(2025, 9, 16))

    def row(user, today):
        return next(s for s in due_summary(user, today)["sources"] if s["key"] == "legality.review")

    assert row(office, D(2025, 9, 29))["overdue"] == 2
    assert row(office, D(2025, 9, 22))["soon"] == 2
    assert row(clerk_b, D(2025, 9, 29))["overdue"] == 1  # a unit's clerk: its own submissions
    services.return_materials(case=r, actor=reviewer, returned_on=D(2025, 9, 17), reason="补充")
    assert row(office, D(2025, 9, 29))["overdue"] == 1  # returned: the clock waits for the materials


# -- API ---------------------------------------------------------------------------------------------------------


def test_api_in_scope(done, client, clerk_b, office, tree):
    r, other, adviser = done
    headers = {"Authorization": f"Bearer {core_factories.make_token(clerk_b).key}"}
    items = client.get("/api/legality/cases", headers=headers).json()["items"]
    assert [i["number"] for i in items] == [other.number]
    assert client.get(f"/api/legality/cases/{r.pk}", headers=headers).status_code == 404
    headers = {"Authorization": f"Bearer {core_factories.make_token(office).key}"}
    got = client.get(f"/api/legality/cases/{r.pk}", headers=headers).json()
    assert got["opinion"] == "agree_revised" and got["points_count"] == 2 and got["short_notice"] is True
    created = client.post(
        "/api/legality/cases",
        {
            "unit_id": tree.unit_a.pk,
            "title": "征收补偿协议",
            "subject_kind": "contract",
            "received_on": "2025-10-09",
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201 and created.json()["due_on"]
    counsel = client.get("/api/legality/counsel/cases", headers=headers).json()["items"]
    assert [c["name"] for c in counsel] == ["孙顾问"]
    made = client.post(
        "/api/legality/counsel/cases",
        {
            "unit_id": tree.unit_a.pk,
            "name": "周公职",
            "kind": "public_lawyer",
            "start_on": "2025-01-01",
            "certificate_no": "GZ1",
        },  # fmt: skip
        content_type="application/json",
        headers=headers,
    )
    assert made.status_code == 201, made.content
