"""The work plan in the annual report (app contract `report_facts`): the year's 工作要点 named with its 文号, its
tasks, units and deadlines, as the seeds name it; the next year's plan in section 四. A department's own report
names the plans whose tasks it holds, with its shares and how many are done."""

from __future__ import annotations

from fazhi.core.reportfacts import ReportFact, page_url

from .choices import Status
from .models import Assignment, WorkPlan


def _named(plan: WorkPlan) -> str:
    """《澜川市2025年法治政府建设工作要点》（澜政办〔2025〕12号）"""
    title = plan.title.strip("《》")
    return f"《{title}》" + (f"（{plan.doc_number}）" if plan.doc_number else "")


def _shares(unit, year: int) -> list[tuple[WorkPlan, int, int, int]]:
    """(plan, tasks, of them led, of them done) of the plans of `year` whose tasks `unit` holds, oldest plan
    first. A task is done when every share the unit holds of it is (a recurring task has several)."""
    rows = Assignment.objects.filter(unit=unit, task__plan__year=year).values_list(
        "task__plan", "task", "lead", "status"
    )
    tasks: dict[int, dict[int, list[bool]]] = {}  # plan → task → [lead, done]
    for plan_id, task_id, lead, status in rows.order_by():
        t = tasks.setdefault(plan_id, {}).setdefault(task_id, [False, True])
        t[0] |= lead
        t[1] &= status == Status.DONE
    out = []
    for plan in WorkPlan.objects.filter(pk__in=tasks).order_by("issued_on", "id"):
        own = tasks[plan.pk].values()
        out.append((plan, len(own), sum(t[0] for t in own), sum(t[1] for t in own)))
    return out


def _unit_facts(unit, year: int) -> list[ReportFact]:
    """A department's report: the plans it carries out, its shares of them (任务分工) and those done."""
    out = []
    for plan, tasks, led, done in _shares(unit, year):
        text = f"对照{_named(plan)}，承担任务{tasks}项" + (f"（其中牵头{led}项）" if led else "")
        text += f"，已完成{done}项" if done else ""
        basis = f"工作要点：{plan.doc_number or plan.title}，本单位任务分工{tasks}项"
        out.append(ReportFact("work_plan", text + "。", basis, page_url("plans:list")))
    for plan, tasks, led, _ in _shares(unit, year + 1):
        text = f"对照{_named(plan)}，承担任务{tasks}项" + (f"（其中牵头{led}项）" if led else "")
        basis = f"{year + 1}年度工作要点：{plan.doc_number or plan.title}，本单位任务分工{tasks}项"
        out.append(ReportFact("next_year_plan", text + "。", basis, page_url("plans:list")))
    return out


def facts(org, year: int) -> list[ReportFact]:
    if not org.is_jurisdiction:
        return _unit_facts(org, year)
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
