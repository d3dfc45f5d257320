"""The work plan in the annual report (app contract `report_facts`): the year's 工作要点 named with its 文号, its
tasks, units and deadlines, as the seeds name it; the next year's plan in section 四."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .models import Assignment, WorkPlan


def _named(plan: WorkPlan) -> str:
    """《澜川市2025年法治政府建设工作要点》（澜政办〔2025〕12号）"""
    title = plan.title.strip("《》")
    return f"《{title}》" + (f"（{plan.doc_number}）" if plan.doc_number else "")


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return []
    out = []
    plan = WorkPlan.objects.filter(org=org, year=year).order_by("issued_on", "id").first()
    if plan is not None:
        tasks = plan.tasks.count()
        parts = plan.parts.count()
        dated = plan.tasks.filter(deadline__isnull=False).count()
        units = Assignment.objects.filter(task__plan=plan).values("unit").distinct().count()
        text = f"制定{_named(plan)}"
        if tasks:
            text += f"，{f'从{parts}个方面' if parts else ''}明确{tasks}项任务"
        if units:
            text += f"，分解到{units}个责任单位"
        if dated:
            text += f"，{'逐项' if dated == tasks else f'其中{dated}项'}明确完成时限"
        basis = f"工作要点：{plan.doc_number or plan.title}，{tasks}项任务，{units}个责任单位"
        out.append(ReportFact("work_plan", text + "。", basis, page_url("plans:plan_detail", plan.pk)))
    nxt = WorkPlan.objects.filter(org=org, year=year + 1).order_by("issued_on", "id").first()
    if nxt is not None:
        parts = list(nxt.parts.order_by("number").values_list("title", flat=True))
        tasks = nxt.tasks.count()
        text = f"已印发{_named(nxt)}，部署{tasks}项任务"
        if parts:
            text += (
                "，重点抓好"
                + "、".join(p.rstrip("。；;") for p in parts)
                + f"{'等' if len(parts) > 1 else ''}方面工作"
            )
        basis = f"{year + 1}年度工作要点：{nxt.doc_number or nxt.title}，{tasks}项任务"
        out.append(ReportFact("next_year_plan", text + "。", basis, page_url("plans:plan_detail", nxt.pk)))
    return out
