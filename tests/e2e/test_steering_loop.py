"""The office's steering loop in Chromium (JavaScript off, plain forms; issue 13): a work plan imported from its
text, a task assigned to a unit, the unit reports its progress and the office accepts it, a task whose
deadline has passed is overdue and the office urges it (督办), the unit sees the 督办 and its reply deadline in
its bell and 待办期限 and answers it by reporting, a 督察 finds a problem, the unit rectifies it and the office
closes it (销号), the dashboard's figures drill down to the records behind them, and the 考评 scores the units
and ranks them within their peer group."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fazhi.plans.models import Assignment, WorkPlan
from fazhi.supervision.models import Inspection, Problem, Scheme
from tests import factories
from tests.e2e.conftest import login, screenshot

pytestmark = pytest.mark.e2e


def plan_text(year: int, past: date) -> bytes:
    """Task 1's deadline (`past`, a day of the plan's year already gone) makes its share overdue on import."""
    return f"""青城市{year}年法治政府建设工作要点
一、加强法治政府建设组织领导
1.健全工作机制。研究解决法治政府建设重大问题，{past.month}月{past.day}日前完成。（牵头单位：市市场监督管理局）
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
    # the day before today, in this year (on 1 January there is none: the deadline is then today, not yet past)
    past = max(today - timedelta(days=1), date(today.year, 1, 1))
    office_ctx, clerk_ctx = _context(browser), _context(browser)
    office, clerk = office_ctx.new_page(), clerk_ctx.new_page()
    url = live_server.url
    try:
        login(office, live_server, "office", factories.PASSWORD)
        login(clerk, live_server, "clerk_a", factories.PASSWORD)

        # 1. the plan from its published text
        office.goto(url + reverse("plans:plan_import"))
        office.set_input_files("#id_file", files=[{"name": "工作要点.txt", "mimeType": "text/plain", "buffer": plan_text(today.year, past)}])  # fmt: skip
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

        # 3b. task 1's deadline has passed: its share is overdue from the import; the office urges it (督办)
        late = Assignment.objects.get(task__plan=plan, task__number=1, unit=tree.unit_a)
        assert late.deadline == past
        office.goto(url + reverse("plans:list") + "?status=overdue")
        row = office.locator("tbody tr", has_text="健全工作机制")
        assert row.count() == 1 and "逾期" in row.inner_text() and "市场监督管理局" in row.inner_text()
        reply_due = today + timedelta(days=5)
        office.goto(url + reverse("plans:detail", args=[late.pk]))
        assert "逾期" in office.locator(".page-title").inner_text()
        form = office.locator('form[data-action="urge"]')
        form.locator("#urge-urged_on").fill(today.isoformat())
        form.locator("#urge-reply_due").fill(reply_due.isoformat())
        form.locator("#urge-note").fill("已逾期，请于限期内报送进展")
        form.get_by_role("button", name="督办").click()
        assert office.locator(".alert-success").count()
        assert "期限为限期回复日期" in office.content()

        # the unit sees the 督办 and its reply deadline: the bell (fazhi remind's notice) and 待办期限
        call_command("remind", stdout=io.StringIO())
        clerk.goto(url + "/")
        assert clerk.locator("#notice-count").inner_text().strip() not in ("", "0")
        clerk.goto(url + reverse("core-notices"))
        assert "第1项 健全工作机制（督办） 5天后到期" in clerk.locator("body").inner_text()
        clerk.goto(url + reverse("core-due"))
        row = clerk.locator("tbody tr", has_text="健全工作机制")
        assert row.count() == 1
        text = row.inner_text()
        assert (
            "（督办）" in text and "督办通知限期回复" in text and f"{reply_due:%Y-%m-%d}（剩5日）" in text
        ), text
        screenshot(clerk, "steering-urged-due")

        # the unit answers by reporting its progress: the 督办 leaves its 待办期限, the task's own deadline stays
        clerk.goto(url + reverse("plans:detail", args=[late.pk]))
        form = clerk.locator('form[data-action="report"]')
        form.locator("#report-percent").fill("60")
        form.locator("#report-text").fill("已召开专题会议研究，正在起草工作机制文件")
        form.locator("#report-reported_on").fill(today.isoformat())
        form.get_by_role("button", name="报送进展").click()
        assert clerk.locator(".alert-success").count()
        clerk.goto(url + reverse("core-due"))
        text = clerk.locator("tbody tr", has_text="健全工作机制").inner_text()
        assert "督办" not in text and "工作要点任务完成时限" in text and f"{past:%Y-%m-%d}" in text, text
        late.refresh_from_db()
        assert late.due == past and late.urgings.get().answered_on == today

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

        # 7. 考评: a scheme with an item scored by the assessors and a deduction, ranked per peer group
        office.goto(url + reverse("supervision_schemes:create"))
        office.select_option("#id_org", str(tree.city.pk))
        office.fill("#id_year", str(today.year))
        office.fill("#id_name", f"{today.year}年度法治政府建设考评细则")
        office.fill("#id_adopted_on", today.isoformat())
        office.get_by_role("button", name="登记").click()
        office.wait_for_url(re.compile(r"/supervision/schemes/\d+/$"))
        scheme = Scheme.objects.get()
        for name, points, method in (
            ("依法行政工作实绩", "100", "manual"),
            ("行政诉讼败诉扣分", "10", "deduction"),
        ):
            form = office.locator('form[data-action="item"]')
            form.locator("#item-name").fill(name)
            form.locator("#item-points").fill(points)
            form.locator("#item-method").select_option(method)
            form.get_by_role("button", name="增加考评项目").click()
            assert office.locator(".alert-success").count(), office.content()[-2000:]
        work, loss = scheme.items.order_by("seq")
        # by hand: B scores above A on the work item, but a lost case takes 5 from B (88 - 5 = 83 < 85)
        for item, unit, score, basis in (
            (work, tree.unit_a, "85", "材料齐全"),
            (work, tree.unit_b, "88", "材料齐全"),
            (work, tree.county, "90", "材料齐全"),
            (loss, tree.unit_b, "-5", "行政诉讼败诉1件"),
        ):
            form = office.locator('form[data-action="score"]')
            form.locator("#score-item").select_option(str(item.pk))
            form.locator("#score-unit").select_option(str(unit.pk))
            form.locator("#score-score").fill(score)
            form.locator("#score-basis").fill(basis)
            form.locator("#score-scored_on").fill(today.isoformat())
            form.get_by_role("button", name="评分").click()
            assert office.locator(".alert-success").count(), office.content()[-2000:]
        # the ranking tab (no JavaScript: the link shows its pane)
        office.get_by_role("link", name="部门排名").click()
        pane = office.locator("#tab-rank-department")
        assert pane.is_visible()
        rows = [r.inner_text().split("\t") for r in pane.locator("tbody tr").all()]
        ranked = [(cells[0].strip(), cells[1].strip(), cells[2].strip()) for cells in rows]
        assert ranked == [("1", "青城市市场监督管理局", "85.00"), ("2", "青城市公安局", "83.00")], ranked
        totals = [float(t) for _, _, t in ranked]
        assert totals == sorted(totals, reverse=True)  # the order is the scores'
        office.get_by_role("link", name="县（市、区）政府排名").click()
        pane = office.locator("#tab-rank-government")
        assert pane.is_visible() and "青城县人民政府" in pane.inner_text() and "90.00" in pane.inner_text()
        screenshot(office, "steering-ranking")
    finally:
        office_ctx.close()
        clerk_ctx.close()
