"""The office's steering loop in Chromium (JavaScript off, plain forms; issue 13): a work plan imported from its
text, a task assigned to a unit, the unit reports its progress and the office accepts it, a 督察 finds a
problem, the unit rectifies it and the office closes it (销号), and the dashboard's figures drill down to the
records behind them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.plans.models import Assignment, WorkPlan
from fazhi.supervision.models import Inspection, Problem
from tests import factories
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def plan_text(year: int) -> bytes:
    return f"""青城市{year}年法治政府建设工作要点
一、加强法治政府建设组织领导
1.健全工作机制。研究解决法治政府建设重大问题，{year}年底前完成。（牵头单位：市市场监督管理局）
2.规范行政执法。行政执法案卷评查合格率不低于95%。（责任单位：市公安局）
二、强化监督
3.开展法治督察。对各部门开展法治督察，问题逐项销号。
""".encode()


def _context(browser):
    context = browser.new_context(
        java_script_enabled=False, locale="zh-CN", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(20_000)
    return context


def test_plan_share_progress_inspection_closure_and_the_dashboard(browser, live_server):
    tree = factories.build_org_tree()
    factories.make_user("office", org=tree.city, role="office", first_name="林晓燕")
    factories.make_user("clerk_a", org=tree.unit_a, role="clerk", first_name="王丽")
    today = timezone.localdate()
    office_ctx, clerk_ctx = _context(browser), _context(browser)
    office, clerk = office_ctx.new_page(), clerk_ctx.new_page()
    url = live_server.url
    try:
        login(office, live_server, "office", factories.PASSWORD)
        login(clerk, live_server, "clerk_a", factories.PASSWORD)

        # 1. the plan from its published text
        office.goto(url + reverse("plans:plan_import"))
        office.set_input_files("#id_file", files=[{"name": "工作要点.txt", "mimeType": "text/plain", "buffer": plan_text(today.year)}])  # fmt: skip
        office.select_option("#id_org", str(tree.city.pk))
        office.get_by_role("button", name="识别并导入").click()
        office.wait_for_url(re.compile(r"/plans/plans/\d+/$"))
        assert "2 个部分、3 项任务" in office.locator(".alert-success").inner_text()
        plan = WorkPlan.objects.get()
        screenshot(office, "steering-plan")

        # 2. task 3 names no unit: the office assigns it to unit A
        task = plan.tasks.get(number=3)
        assert not task.assignments.exists()
        office.goto(url + reverse("plans:create"))
        office.select_option("#id_task", str(task.pk))
        office.select_option("#id_unit", str(tree.unit_a.pk))
        office.get_by_role("button", name="登记").click()
        office.wait_for_url(re.compile(r"/plans/\d+/$"))
        share = Assignment.objects.get(task=task, unit=tree.unit_a)
        assert "已向青城市市场监督管理局下达任务" in office.locator(".alert-success").inner_text()

        # 3. the unit reports its progress; the office accepts it: the share is done
        clerk.goto(url + reverse("plans:detail", args=[share.pk]))
        form = clerk.locator('form[data-action="report"]')
        form.locator("#report-percent").fill("100")
        form.locator("#report-text").fill("已对各部门开展法治督察，发现问题均已列入台账")
        form.locator("#report-reported_on").fill(today.isoformat())
        form.get_by_role("button", name="报送进展").click()
        assert clerk.locator(".alert-success").count()
        office.goto(url + reverse("plans:detail", args=[share.pk]))
        form = office.locator('form[data-action="accept"]')
        form.locator("#accept-reviewed_on").fill(today.isoformat())
        form.get_by_role("button", name="采纳进展").click()
        share.refresh_from_db()
        assert share.status == "done" and "已完成" in office.locator(".page-title").inner_text()

        # 4. a 督察 of unit A finds a problem
        office.goto(url + reverse("supervision_inspections:create"))
        office.select_option("#id_org", str(tree.city.pk))
        office.fill("#id_title", f"{today.year}年度法治政府建设实地督察")
        office.select_option("#id_kind", index=1)
        office.select_option("#id_units", [str(tree.unit_a.pk)])
        office.fill("#id_started_on", today.isoformat())
        office.get_by_role("button", name="登记").click()
        office.wait_for_url(re.compile(r"/supervision/inspections/\d+/$"))
        inspection = Inspection.objects.get()
        office.goto(url + reverse("supervision:create"))
        office.select_option("#id_org", str(tree.unit_a.pk))
        office.select_option("#id_source", "inspection")
        office.select_option("#id_inspection", str(inspection.pk))
        office.fill("#id_description", "行政处罚决定未按规定公示")
        office.fill("#id_found_on", today.isoformat())
        office.fill("#id_rectify_due", (today + timedelta(days=30)).isoformat())
        office.get_by_role("button", name="登记").click()
        office.wait_for_url(re.compile(r"/supervision/\d+/$"))
        problem = Problem.objects.get()

        # 5. 整改 by the unit, 销号 by the office
        clerk.goto(url + reverse("supervision:detail", args=[problem.pk]))
        form = clerk.locator('form[data-action="plan"]')
        form.locator("#plan-measures").fill("补充公示全部处罚决定，建立公示台账")
        form.locator("#plan-planned_on").fill(today.isoformat())
        form.get_by_role("button", name="制定整改措施").click()
        form = clerk.locator('form[data-action="apply"]')
        form.locator("#apply-note").fill("已全部公示，附公示截图")
        form.locator("#apply-applied_on").fill(today.isoformat())
        form.get_by_role("button", name="申请销号").click()
        office.goto(url + reverse("supervision:detail", args=[problem.pk]))
        form = office.locator('form[data-action="approve"]')
        form.locator("#approve-closed_on").fill(today.isoformat())
        form.get_by_role("button", name="销号").click()
        problem.refresh_from_db()
        assert problem.status == "closed"
        screenshot(office, "steering-problem-closed")

        # 6. the dashboard's figures and their drill-downs agree with the records
        dashboard = f"{url}{reverse('indicators:dashboard')}?org={tree.city.pk}&year={today.year}"
        for key, count, shown in (
            ("supervision.problems_rectified", 1, "行政处罚决定未按规定公示"),
            ("plans.tasks_done", 1, "开展法治督察"),
        ):
            office.goto(dashboard)
            link = office.locator(f'a[href*="{key}"]').first
            assert link.inner_text().strip() == str(count), key
            link.click()
            office.wait_for_load_state()
            body = office.content()
            assert "指标明细" in body and shown in body, key
            assert f"共 {count} 条" in body, key
        screenshot(office, "steering-drilldown")
    finally:
        office_ctx.close()
        clerk_ctx.close()
