"""The pages of work plans beyond the casework kit's (the shares of tasks): the plans, importing one from its
published text, a plan's page with its tasks, targets and live figures, the 对照检查清单 export."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.permissions import can, can_any
from fazhi.core.web import error_text, form_errors_text
from fazhi.indicators.registry import Period, catalog, compute

from . import checklist, rules, selectors, services
from .forms import ImportForm, LinkForm
from .linking import link_target
from .models import TaskTarget
from .parsing import NotAPlan, parse_plan, read_text


def _require_manager(user) -> None:
    if not can_any(user, "plans.manage"):
        raise PermissionDenied("只有法治办可以导入工作要点")


@login_required
def plan_list(request):
    plans = selectors.visible_plans(request.user).select_related("org").order_by("-year", "org__path")
    today = timezone.localdate()
    rows = [(p, selectors.completion(p, today)) for p in plans[:200]]
    return render(
        request, "plans/plan_list.html", {"rows": rows, "can_import": can_any(request.user, "plans.manage")}
    )


@login_required
def plan_import(request):
    _require_manager(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = d["file"]
        try:
            parsed = parse_plan(read_text(upload.read(), upload.name), year=d["year"])
        except (ValueError, NotAPlan) as exc:
            form.add_error("file", str(exc))
        else:
            resolved = []
            for t in parsed.tasks:
                for target in t.targets:
                    target.indicator = target.indicator or link_target(target.text, target.op, target.unit)
                leads, um1 = services.resolve_units(d["org"], t.lead_units)
                units, um2 = services.resolve_units(d["org"], t.units)
                resolved.append((t, leads, units, um1 + um2))
            if d["dry_run"]:
                names = catalog()
                for t in parsed.tasks:
                    for x in t.targets:
                        x.indicator_name = names.get(x.indicator or "", {}).get("zh", "")  # type: ignore[attr-defined]
                preview = {"plan": parsed, "tasks": resolved}
            else:
                try:
                    plan = services.import_plan(
                        actor=request.user,
                        org=d["org"],
                        parsed=parsed,
                        year=d["year"],
                        source_name=upload.name,
                        on=timezone.localdate(),
                    )
                except ValidationError as exc:
                    form.add_error(None, error_text(exc))
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        f"已导入《{plan.title}》：{plan.parts.count()} 个部分、{plan.tasks.count()} 项任务。",
                    )
                    return redirect("plans:plan_detail", pk=plan.pk)
    elif request.method == "POST":
        messages.error(request, f"导入未完成：{form_errors_text(form)}")
    return render(request, "plans/plan_import.html", {"form": form, "preview": preview})


@login_required
def plan_detail(request, pk: int):
    plan = selectors.get_plan(request.user, pk)
    today = timezone.localdate()
    tasks = selectors.plan_tasks(request.user, plan)
    keys = sorted({t.indicator for task in tasks for t in task.targets.all() if t.indicator})
    values = compute(plan.org, Period.year(plan.year), keys) if keys else {}
    names = catalog()
    for task in tasks:
        for t in task.targets.all():
            v = values.get(t.indicator)
            t.figure = v
            t.figure_name = names.get(t.indicator, {}).get("zh", "")
            t.met = rules.met(t.op, v.value if v else None, t.value)
        for a in task.shares:
            a.shown = rules.shown_status(a, today)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "tasks": tasks,
            "parts": {p.pk: p for p in plan.parts.all()},
            "done": selectors.completion(plan, today),
            "manage": can(request.user, plan.org, "plans.manage"),
            "indicator_choices": sorted(((k, e.get("zh", k)) for k, e in names.items()), key=lambda c: c[1]),
        },
    )


@login_required
@require_POST
def target_link(request, pk: int):
    target = get_object_or_404(TaskTarget.objects.select_related("task__plan__org"), pk=pk)
    plan = selectors.get_plan(request.user, target.task.plan_id)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            services.set_target_indicator(
                actor=request.user, target=target, indicator=form.cleaned_data["indicator"]
            )
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已校正目标对应的指标。")
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
def plan_checklist(request, pk: int, fmt: str):
    """重点任务完成情况对照检查清单 (seed 002 task 1) as .xlsx or .docx."""
    plan = selectors.get_plan(request.user, pk)
    tasks = selectors.plan_tasks(request.user, plan)
    today = timezone.localdate()
    if fmt == "xlsx":
        data, ctype = (
            checklist.xlsx(plan, tasks, today),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "docx":
        data, ctype = (
            checklist.docx(plan, tasks, today),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        raise Http404("不支持的格式")
    response = HttpResponse(io.BytesIO(data).getvalue(), content_type=ctype)
    name = f"{plan.year}年对照检查清单.{fmt}"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
