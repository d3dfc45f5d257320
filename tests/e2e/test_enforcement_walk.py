"""The 执法监督科's walk in Chromium (JavaScript off, plain forms): a unit's own ledger export is imported through
a column mapping, a 案卷评查 campaign draws files at random and one is scored (its problems open a 整改, replied by the
unit and accepted by the office; the other file is assigned to a reviewer), the daily scan warns an overdue
penalty decision, the unit sees it on the warnings page, and the dashboard's figure drills down to it."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from fazhi.enforcement.models import CaseFileReview, EnforcementCase, EnforcementWarning, Rectification
from tests import factories
from tests.e2e.conftest import login, screenshot
from tests.enforcement import factories as f

pytestmark = pytest.mark.e2e

# The provincial platform's headers, not the template's: 执法主体 for 执法单位, 处罚决定书文号 for 案件编号 …
HEADERS = ["序号", "执法主体", "处罚决定书文号", "执法类别", "行政相对人", "违法事实", "处罚依据", "立案时间",
           "执法人员执法证号", "处罚决定日期", "罚款金额"]  # fmt: skip


def ledger(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "处罚台账"
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def wait_for(page, text: str) -> None:
    for _ in range(40):
        if text in page.content():
            return
        page.wait_for_timeout(500)
        page.reload()
    raise AssertionError(f"{text!r} not on {page.url}")


def test_import_review_warn_and_drill_down(browser, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    tree = factories.build_org_tree()
    office = factories.make_user("office", org=tree.city, role="office", first_name="林晓燕")
    officers = f.pair(office, tree.unit_a)
    certs = "、".join(o.cert_number for o in officers)
    today = timezone.localdate()
    filed, decided = today - timedelta(days=60), today - timedelta(days=40)
    unit = tree.unit_a.name
    rows = [
        [i, unit, f"青市监罚〔{today.year}〕{i}号", "行政处罚", f"商户{i}", "销售过期食品", "《食品安全法》第一百二十四条",
         filed, certs, decided, 2000 * i]
        for i in range(1, 4)
    ]  # fmt: skip
    # filed 120 days ago and still undecided: past the 90 days of 行政处罚法 第六十条
    rows.append([4, unit, f"青市监罚〔{today.year}〕4号", "行政处罚", "商户4", "无证经营", "", today - timedelta(days=120), certs, None, None])  # fmt: skip

    context = browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        login(page, live_server, "office", factories.PASSWORD)

        # 1. the unit's export, mapped once
        page.goto(live_server.url + reverse("core-import", kwargs={"app": "enforcement"}))
        page.set_input_files("#id_file", files=[{"name": "市场监管局处罚台账.xlsx", "mimeType": "application/octet-stream", "buffer": ledger(rows)}])  # fmt: skip
        page.get_by_role("button", name="开始导入").click()
        page.wait_for_url(re.compile(r"/import/jobs/\d+/mapping/$"))
        assert page.locator("#id_col_unit").input_value() == "执法主体"
        assert page.locator("#id_col_case_number").input_value() == "处罚决定书文号"
        assert page.locator("#id_col_decided_on").input_value() == "处罚决定日期"
        page.select_option("#id_col_officers", "执法人员执法证号")
        page.fill("#id_save_as", "市场监管局台账")
        screenshot(page, "enforcement-import-mapping")
        page.get_by_role("button", name="校验并导入").click()
        page.wait_for_url(re.compile(r"/import/jobs/\d+/$"))
        wait_for(page, "导入成功：4 条")
        assert EnforcementCase.objects.count() == 4

        # 2. a 案卷评查 campaign: two decided files drawn with a recorded seed, one scored
        page.goto(live_server.url + reverse("enforcement:campaign_create"))
        page.select_option("#id_org", str(tree.city.pk))
        page.fill("#id_name", f"{decided.year}年度行政处罚案卷评查")
        page.fill("#id_year", str(decided.year))
        page.fill("#id_sample_size", "2")
        page.fill("#id_seed", "20251207")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r"/enforcement/reviews/\?campaign=\d+$"))
        assert "随机种子 20251207" in page.content()
        page.get_by_role("link", name="评分").first.click()
        assert "执法人员不少于两人且持有效执法证" in page.locator("#machine-scores").inner_text()
        page.fill("#id_score_facts", "20")
        page.fill("#id_score_procedure", "10")
        page.fill("#id_score_documents", "9")
        page.fill("#id_problems", "处罚决定未公示")
        page.fill("#id_rectify_due", (today + timedelta(days=30)).isoformat())
        page.get_by_role("button", name="保存评分").click()
        page.wait_for_url(re.compile(r"/enforcement/reviews/\?campaign=\d+$"))
        scored = CaseFileReview.objects.exclude(score=None).get()
        assert f"评分{scored.score}分" in page.content()
        screenshot(page, "enforcement-review-campaign")

        # 2b. the campaign page: the other file assigned to a reviewer of the city (not of the reviewed unit)
        reviewer = factories.make_user("reviewer", org=tree.city, role="reviewer", first_name="周建华")
        page.goto(live_server.url + reverse("enforcement:campaign_detail", args=[scored.campaign_id]))
        other = CaseFileReview.objects.get(score=None)
        page.check(f'input[name="reviews"][value="{other.pk}"]')
        page.select_option("#id_reviewer", str(reviewer.pk))
        page.get_by_role("button", name="分配评查人员").click()
        page.wait_for_url(re.compile(r"/enforcement/reviews/campaigns/\d+/$"))
        assert "已将1件案卷分配给周建华评查" in page.content()
        progress = page.locator("#campaign-progress").inner_text()
        assert re.search(r"已分配\s*1", progress) and re.search(r"整改未销号\s*1", progress)

        # 2c. the problems found opened a 整改: the unit replies, the office accepts it (销号)
        rect = Rectification.objects.get()
        page.goto(live_server.url + reverse("enforcement:rectify_detail", args=[rect.pk]))
        page.fill("#reply-reply", "已在公示平台补充公示处罚决定")
        page.get_by_role("button", name="回复整改情况").click()
        page.wait_for_url(re.compile(r"/enforcement/rectifications/\d+/$"))
        page.get_by_role("button", name="销号").click()
        page.wait_for_url(re.compile(r"/enforcement/rectifications/\d+/$"))
        rect.refresh_from_db()
        assert rect.status == "closed" and "已销号" in page.content()
        screenshot(page, "enforcement-rectification")

        # 3. the daily scan warns the overdue decision; the unit's list shows it with its explanation due date
        call_command("enforcement_warnings", stdout=io.StringIO())
        warning = EnforcementWarning.objects.get(kind="decision_overdue")
        page.goto(live_server.url + reverse("enforcement:warnings"))
        listed = page.content()
        assert "处罚决定超期" in listed and f"青市监罚〔{today.year}〕4号" in listed
        screenshot(page, "enforcement-warnings")

        # 4. the dashboard figure and its drill-down: exactly the open warnings
        page.goto(f"{live_server.url}{reverse('indicators:dashboard')}?org={tree.city.pk}&year={today.year}")
        link = page.locator('a[href*="enforcement.open_warnings"]').first
        open_count = EnforcementWarning.objects.filter(state="open").count()
        assert link.inner_text().strip() == str(open_count)
        link.click()
        page.wait_for_url(re.compile(r"/enforcement/warnings/\?"))
        assert "指标明细" in page.content() and warning.detail[:20] in page.content()
        screenshot(page, "enforcement-warnings-drilldown")
    finally:
        context.close()
