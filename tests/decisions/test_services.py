"""重大行政决策: the catalog (第三条第三款), the steps and what may not be skipped (第二十五条), the clocks of 第十五条
(public comment ≥30日) and 第十六条 (hearing materials 7日 before), figures, pages, import.
2025 国庆: 10月1日(三)–10月8日(三) 放假; 劳动节 5月1日(四)–5月5日(一) 放假, 4月27日(日) 上班."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from fazhi.core import due
from fazhi.core.importing import import_file
from fazhi.decisions import selectors, services
from fazhi.decisions.choices import CatalogStatus, LegalityOpinion, Meeting, Status
from fazhi.decisions.importers import DecisionImporter
from fazhi.decisions.models import Decision
from fazhi.indicators.registry import Period, compute, registered

from . import factories as f

pytestmark = pytest.mark.django_db
D = date


def test_catalog_per_year_approved_then_published_then_adjusted(tree, office):
    d = f.listed(office, sponsor=tree.unit_a)
    catalog = d.catalog
    assert (catalog.org, catalog.year, d.number) == (tree.city, 2025, "青城市决〔2025〕1号")
    with pytest.raises(ValidationError, match="经同级党委同意后方可向社会公布"):
        services.publish_catalog(catalog=catalog, actor=office, published_on=D(2025, 2, 1))
    services.approve_catalog(catalog=catalog, actor=office, approved_on=D(2025, 1, 25))
    services.publish_catalog(catalog=catalog, actor=office, published_on=D(2025, 2, 1))
    catalog.refresh_from_db()
    assert catalog.status == CatalogStatus.PUBLISHED
    with pytest.raises(ValidationError, match="调整理由"):
        f.listed(office, sponsor=tree.unit_b, title="青城市公交线网优化", listed_on=D(2025, 6, 1))
    added = f.listed(office, sponsor=tree.unit_b, title="青城市公交线网优化", listed_on=D(2025, 6, 1),
                     adjustment_reason="市委常委会决定增列")  # fmt: skip
    assert added.catalog == catalog
    assert [x.pk for x in selectors.public_catalog(tree.city.pk, 2025)] == [d.pk, added.pk]


def test_public_comment_at_least_thirty_days_unless_shortened_with_reason(tree, office):
    d = f.listed(office, sponsor=tree.unit_a)
    # Opens Tue 9/2: day 30 = Thu 10/2 (国庆) → at least until Thu 10/9.
    with pytest.raises(ValidationError) as exc:
        services.record_comment(case=d, actor=office, comment_start=D(2025, 9, 2), comment_end=D(2025, 10, 8))
    assert (
        "一般不少于30日" in str(exc.value) and "2025-10-09" in str(exc.value) and "第十五条" in str(exc.value)
    )
    d = services.record_comment(
        case=Decision.objects.get(pk=d.pk), actor=office, comment_start=D(2025, 9, 2), comment_end=D(2025, 9, 20),
        shortened_reason="供暖季临近，情况紧急",
    )  # fmt: skip
    assert d.comment_earliest_end == D(2025, 10, 9)
    assert "缩短期限" in d.events.last().note


def test_hearing_materials_clock_and_due_list(tree, office):
    d = f.listed(office, sponsor=tree.unit_a, needs_hearing=True)
    d = services.record_hearing(case=d, actor=office, hearing_on=D(2025, 5, 12))
    # 7 days before Mon 5/12 = Mon 5/5 (劳动节) → the working day before: Wed 4/30.
    assert d.hearing_materials_due == D(2025, 4, 30)
    items = due.due_list(office, due.OVERDUE, D(2025, 5, 6), 10)
    assert [(i.source, i.record.pk) for i in items] == [("decisions.hearing_materials", d.pk)]
    d = services.record_hearing(
        case=d, actor=office, hearing_on=D(2025, 5, 12), materials_served_on=D(2025, 5, 6)
    )
    assert "未于7日前送达" in d.events.order_by("id").last().note
    assert due.due_list(office, due.OVERDUE, D(2025, 5, 6), 10) == []


def test_no_decision_without_the_required_steps(tree, office):
    d = f.listed(office, sponsor=tree.unit_a, needs_expert=True, needs_risk=True)
    with pytest.raises(ValidationError) as exc:
        services.record_decision(case=d, actor=office, discussed_on=D(2025, 6, 1), meeting=Meeting.EXECUTIVE,
                                 decision_text="通过")  # fmt: skip
    text = str(exc.value)
    for words in (
        "公众参与",
        "第十四条",
        "专家论证",
        "第十九条",
        "风险评估",
        "第二十二条",
        "未经合法性审查",
        "第二十五条第二款",
    ):
        assert words in text, words
    d = services.record_comment(case=Decision.objects.get(pk=d.pk), actor=office, comment_start=D(2025, 3, 3),
                                comment_end=D(2025, 4, 7))  # fmt: skip
    d = services.record_expert(case=d, actor=office, expert_on=D(2025, 4, 15))
    d = services.record_risk(case=d, actor=office, risk_on=D(2025, 4, 20))
    d = services.record_legality(case=d, actor=office, legality_review="青法审〔2025〕决3号", legality_on=D(2025, 5, 6),
                                 opinion=LegalityOpinion.UNLAWFUL)  # fmt: skip
    with pytest.raises(ValidationError, match="经审查不合法，不得提交决策机关讨论"):
        services.record_decision(case=d, actor=office, discussed_on=D(2025, 6, 1), meeting=Meeting.EXECUTIVE,
                                 decision_text="通过")  # fmt: skip
    d = services.record_legality(case=Decision.objects.get(pk=d.pk), actor=office, legality_review="青法审〔2025〕决4号",
                                 legality_on=D(2025, 5, 16), opinion=LegalityOpinion.APPROVE_AMENDED)  # fmt: skip
    d = services.record_decision(case=d, actor=office, discussed_on=D(2025, 6, 1), meeting=Meeting.EXECUTIVE,
                                 decision_text="原则通过", dissent="建议分步实施")  # fmt: skip
    assert d.status == Status.DECIDED and "不同意见：建议分步实施" in d.events.last().note
    d = services.publish_decision(case=d, actor=office, published_on=D(2025, 6, 10))
    d = services.archive_decision(case=d, actor=office, archived_on=D(2025, 7, 1))
    with pytest.raises(ValidationError, match="已归档"):
        services.archive_decision(case=d, actor=office, archived_on=D(2025, 7, 2))
    assert d.history.count() >= 7


def test_a_matter_not_public_by_law_skips_public_participation(tree, office):
    d = f.decided(office, sponsor=tree.unit_a, comment=None, needs_public=False)
    assert d.status == Status.DECIDED


def test_who_may_act(tree, office, clerk_a, clerk_b, leader):
    d = f.listed(office, sponsor=tree.unit_a)
    services.record_expert(case=d, actor=clerk_a, expert_on=D(2025, 3, 1))
    for user in (clerk_b, leader):
        with pytest.raises(PermissionDenied):
            services.record_risk(case=Decision.objects.get(pk=d.pk), actor=user, risk_on=D(2025, 3, 2))
    assert selectors.visible_cases(clerk_b).count() == 0
    with pytest.raises(PermissionDenied):
        f.listed(clerk_b, sponsor=tree.unit_a)


def test_figures_and_drilldown(tree, office, login):
    f.decided(office, sponsor=tree.unit_a)
    f.decided(office, sponsor=tree.unit_b, comment=None, needs_public=False, title="青城市保密事项")
    f.listed(office, sponsor=tree.county_unit, title="青城县饮用水水源地保护区划定")
    keys = [k for k, d in registered().items() if d.module == "fazhi.decisions.indicators"]
    city = compute(tree.city, Period.year(2025), keys)
    assert city["legality.major_decisions"].value == 2
    assert city["legality.decision_catalog_items"].value == 3
    assert city["legality.decision_public_comments"].value == 1
    rate = city["legality.decision_public_participation_rate"]
    assert (rate.numerator, rate.denominator) == (1, 2)
    assert compute(tree.county, Period.year(2025), keys)["legality.decision_catalog_items"].value == 1
    from fazhi.indicators.selectors import drill_url

    client = login(office)
    body = client.get(drill_url(city["legality.major_decisions"])).content.decode()
    assert body.split("<tbody>", 1)[1].count("<tr><td><a href=") == 2


def test_pages_in_chinese(tree, office, login):
    d = f.decided(office, sponsor=tree.unit_a)
    client = login(office)
    body = client.get(f"/decisions/{d.pk}/").content.decode()
    assert "集体讨论决定" in body and "重大行政决策程序暂行条例第二十五条" in body
    for word in ("in_progress", "decided", "executive", "approve", "None"):
        assert f">{word}<" not in body, word
    r = client.post("/decisions/new/", {"sponsor": tree.unit_a.pk, "title": "青城市历史文化街区保护规划",
                                        "category": "resources", "year": 2025, "listed_on": "2025-01-20",
                                        "needs_public": "on"})  # fmt: skip
    assert r.status_code == 302


def xlsx(rows):
    headers = [c.header for c in DecisionImporter.columns]
    wb = Workbook()
    ws = wb.active
    ws.title = "重大行政决策"
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_import_all_or_nothing(tree, office):
    base = {"事项编号": "青决〔2024〕1号", "决策事项": "青城市国土空间总体规划", "决策承办单位": "青城市市场监督管理局",
            "事项类别": "经济和社会发展等方面的重要规划", "目录年度": 2024, "列入目录日期": D(2024, 1, 10),
            "公开征求意见开始日期": D(2024, 3, 1), "公开征求意见截止日期": D(2024, 4, 10), "合法性审查编号": "青法审〔2024〕5号",
            "合法性审查意见日期": D(2024, 5, 1), "合法性审查意见": "合法（同意）", "集体讨论日期": D(2024, 5, 20),
            "会议": "常务会议"}  # fmt: skip
    bad = {**base, "事项编号": "青决〔2024〕2号", "合法性审查意见": "不合法（不同意）"}
    result = import_file("decisions", xlsx([base, bad]), user=office)
    assert not result.ok and Decision.objects.count() == 0
    assert "第3行" in "；".join(result.messages()) and "不合法" in "；".join(result.messages())
    result = import_file("decisions", xlsx([base]), user=office)
    assert result.ok, result.messages()
    d = Decision.objects.get()
    assert (
        d.status == Status.DECIDED and d.catalog.year == 2024 and d.comment_earliest_end == D(2024, 4, 1)
    )  # 3/31 is a Sunday


def test_catalog_pages(tree, office, clerk_b, login, client):
    d = f.listed(office, sponsor=tree.unit_a)
    page = login(office)
    assert "青城市2025年度重大行政决策事项目录" in page.get("/decisions/catalogs/").content.decode()
    url = f"/decisions/catalogs/{d.catalog.pk}/action/"
    page.post(url, {"action": "publish", "on": "2025-01-20"})
    d.catalog.refresh_from_db()
    assert d.catalog.status == CatalogStatus.DRAFT  # refused: the 党委 has not agreed
    page.post(url, {"action": "approve", "on": "2025-01-20"})
    page.post(url, {"action": "publish", "on": "2025-01-25"})
    d.catalog.refresh_from_db()
    assert d.catalog.status == CatalogStatus.PUBLISHED
    body = client.get(f"/decisions/public/{tree.city.code}/2025/").content.decode()
    assert d.title in body
    assert login(clerk_b).post(url, {"action": "approve"}).status_code == 404
