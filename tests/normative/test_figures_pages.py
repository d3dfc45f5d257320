"""行政规范性文件: the figures (counts and the 报备率/报备及时率), their drill-downs through the list page, the due
list (filings and expiry), the public list, the pages in Chinese and the API."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.core import due
from fazhi.indicators.registry import Period, compute, registered
from fazhi.indicators.selectors import drill_url
from fazhi.normative import selectors, services
from fazhi.normative.choices import CleanupOutcome, Filing, ReviewResult

from . import factories as f

pytestmark = pytest.mark.django_db
D = date
ROW = re.compile(r"<tr><td><a href=")


@pytest.fixture
def docs(tree, office):
    """City: a government document filed late with congress (due 10/16), a department document filed on time
    and corrected on review; county: a government document reviewed by the city and one never filed;
    one unpublished; a clean-up repealing the department document."""
    gov = f.published(office, issuer=tree.city)
    services.file_document(case=gov, actor=office, filing=Filing.GOVERNMENT, filed_on=D(2025, 9, 30))
    services.file_document(case=gov, actor=office, filing=Filing.CONGRESS, filed_on=D(2025, 10, 20))
    dept = f.published(
        office, issuer=tree.unit_a, title="青城市市场监管局行政执法公示办法", doc_number="青市监规〔2025〕1号"
    )
    services.file_document(case=dept, actor=office, filing=Filing.GOVERNMENT, filed_on=D(2025, 9, 20))
    services.review_filing(
        case=dept,
        actor=office,
        result=ReviewResult.CORRECTED,
        reviewed_on=D(2025, 10, 9),
        problem="增设许可条件",
        correction="已删除",
    )
    county = f.published(
        office, issuer=tree.county, title="青城县殡葬管理办法", doc_number="青县政规〔2025〕1号"
    )
    services.file_document(case=county, actor=office, filing=Filing.GOVERNMENT, filed_on=D(2025, 9, 25))
    services.file_document(case=county, actor=office, filing=Filing.CONGRESS, filed_on=D(2025, 9, 25))
    services.review_filing(case=county, actor=office, result=ReviewResult.PASSED, reviewed_on=D(2025, 10, 20))
    unfiled = f.published(
        office, issuer=tree.county, title="青城县犬只管理办法", doc_number="青县政规〔2025〕2号"
    )
    draft = f.document(office, issuer=tree.city, title="青城市物业服务收费管理办法")
    campaign = services.start_cleanup(
        actor=office, org=tree.city, title="2025年度清理", started_on=D(2025, 11, 3)
    )
    for item in campaign.items.all():
        outcome = CleanupOutcome.REPEAL if item.document_id == dept.pk else CleanupOutcome.KEEP
        services.decide_cleanup(item=item, actor=office, outcome=outcome, decided_on=D(2025, 11, 20))
    services.publish_cleanup(campaign=campaign, actor=office, published_on=D(2025, 11, 30))
    return {"gov": gov, "dept": dept, "county": county, "unfiled": unfiled, "draft": draft}


YEAR = Period.year(2025)


def figures(org, period=YEAR):
    keys = [k for k, d in registered().items() if d.module == "fazhi.normative.indicators"]
    return compute(org, period, keys)


def test_the_figures_of_the_seeds(tree, docs):
    city = figures(tree.city)
    assert city["legality.normative_docs_issued"].value == 4
    assert city["legality.normative_docs_filed"].value == 3
    assert city["legality.filing_reviews"].value == 2  # the city reviewed the department's and the county's
    assert city["legality.filing_corrections"].value == 1
    assert city["legality.docs_cleaned"].value == 4
    assert city["legality.docs_repealed"].value == 1
    # 报备率: 3 of 4 filed; 报备及时率: 2 of 4 (the city's late, the county's unfiled one is past its due date).
    rate = city["legality.normative_filing_rate"]
    assert (rate.value, rate.numerator, rate.denominator) == (Decimal("75.0"), 3, 4)
    timely = city["legality.normative_filing_timely_rate"]
    assert (timely.numerator, timely.denominator) == (2, 4)
    county = figures(tree.county)
    assert county["legality.normative_docs_issued"].value == 2
    assert county["legality.filing_reviews"].value == 0  # reviewed by the city, not by the county
    assert figures(tree.unit_a)["legality.normative_docs_issued"].value == 1


@pytest.mark.parametrize("org_name", ["city", "unit_a", "county"])
def test_every_figure_drills_down_to_as_many_rows(tree, docs, office, login, org_name):
    client = login(office)
    values = figures(getattr(tree, org_name))
    for key, value in values.items():
        for part, expected in (
            ("", value.numerator if value.denominator is not None else value.value),
            ("denominator", value.denominator),
        ):
            if part and expected is None:
                continue
            url = drill_url(value, part)
            body = client.get(url).content.decode()
            rows = len(ROW.findall(body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]))
            assert rows == (expected or 0), (org_name, key, part)


def test_due_list_has_open_filings_and_expiring_documents(tree, office, docs):
    today = D(2025, 10, 20)
    items = due.due_list(office, due.OVERDUE, today, 50)
    keys = {(i.source, i.record.pk) for i in items}
    assert ("normative.filing_government", docs["unfiled"].pk) in keys
    assert ("normative.filing_congress", docs["unfiled"].pk) in keys
    assert all(i.record.pk == docs["unfiled"].pk for i in items)


def test_expiring_documents_appear_six_months_ahead(tree, office):
    doc = f.published(
        office,
        issuer=tree.city,
        title="青城市公共租赁住房管理暂行办法",
        published_on=D(2023, 5, 10),
        registered_on=D(2023, 5, 1),
    )
    assert doc.expires_on == D(2025, 5, 9)
    qs = selectors.due_expiry().queryset
    from unittest import mock

    import fazhi.normative.selectors as sel

    with mock.patch.object(sel.timezone, "localdate", return_value=D(2024, 11, 8)):
        assert doc.pk not in {d.pk for d in qs(office)}
    with mock.patch.object(sel.timezone, "localdate", return_value=D(2024, 11, 9)):
        assert doc.pk in {d.pk for d in qs(office)}


def test_public_list_only_documents_in_force(tree, docs):
    listed = {d.pk for d in selectors.public_documents()}
    assert listed == {docs["gov"].pk, docs["county"].pk, docs["unfiled"].pk}
    found = selectors.public_documents(selectors.PublicFilters.from_params({"q": "殡葬", "year": "2025"}))
    assert [d.pk for d in found] == [docs["county"].pk]
    assert selectors.public_document(docs["draft"].pk) is None
    assert selectors.public_document(docs["dept"].pk) is not None  # repealed: its history is public


def test_pages_speak_chinese(tree, docs, office, login):
    client = login(office)
    for url in (
        "/normative/",
        "/normative/new/",
        f"/normative/{docs['gov'].pk}/",
        f"/normative/{docs['unfiled'].pk}/",
    ):
        body = client.get(url).content.decode()
        for word in ("in_force", "registered", "congress", "government", "None", "passed"):
            assert f">{word}<" not in body and f" {word} " not in body, (url, word)
    body = client.get(f"/normative/{docs['unfiled'].pk}/").content.decode()
    assert "报本级人大常委会备案" in body and "报送备案" in body


def test_page_registers_and_publishes(tree, office, login):
    client = login(office)
    r = client.post(
        "/normative/new/",
        {
            "issuer": tree.city.pk,
            "title": "青城市殡葬管理办法",
            "registered_on": "2025-09-01",
            "legality_review": "青法审〔2025〕8号",
            "text": "第一条 为了……",
        },
    )
    assert r.status_code == 302
    doc = selectors.visible_cases(office).get(title="青城市殡葬管理办法")
    r = client.post(
        f"/normative/{doc.pk}/action/publish/",
        {
            "doc_number": "青政规〔2025〕8号",
            "published_on": "2025-09-16",
            "effective_on": "2025-10-01",
            "version": doc.version,
        },
    )
    assert r.status_code == 302
    doc.refresh_from_db()
    assert doc.status == "in_force" and doc.congress_due == D(2025, 10, 16)


def test_api_registers_and_lists(tree, office):
    from tests import factories

    token = factories.make_token(office).key
    client = Client(headers={"Authorization": f"Bearer {token}"})
    r = client.post(
        "/api/normative/cases",
        {"issuer_id": tree.unit_a.pk, "title": "青城市市场监管局抽查办法", "registered_on": "2025-09-01"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["registration_number"] == "青城市规〔2025〕1号"
    r = client.get("/api/normative/cases?year=abc")
    assert r.status_code in (400, 422)


def test_public_library_without_login(tree, docs):
    client = Client()
    body = client.get("/normative/library/?q=殡葬").content.decode()
    assert "青城县殡葬管理办法" in body and "青城市城市供热管理办法" not in body
    assert client.get(f"/normative/library/{docs['gov'].pk}/").status_code == 200
    repealed = client.get(f"/normative/library/{docs['dept'].pk}/").content.decode()
    assert "已废止" in repealed
    assert client.get(f"/normative/library/{docs['draft'].pk}/").status_code == 404
    assert client.get("/normative/library/?year=abc").status_code == 400


def test_cleanup_pages(tree, office, clerk_b, login):
    doc = f.published(office, issuer=tree.city)
    client = login(office)
    r = client.post(
        "/normative/cleanups/", {"org": tree.city.pk, "title": "2025年度清理", "started_on": "2025-11-03"}
    )
    assert r.status_code == 302
    campaign_url = r["Location"]
    body = client.get(campaign_url).content.decode()
    assert doc.title in body
    item = doc.cleanups.get()
    action = campaign_url + "action/"
    client.post(action, {"item": item.pk, "outcome": "void", "on": "2025-11-20"})
    client.post(action, {"publish": "1", "on": "2025-11-30"})
    doc.refresh_from_db()
    assert doc.status == "void" and doc.cleaned_on == date(2025, 11, 30)
    assert login(clerk_b).get(campaign_url).status_code == 404
