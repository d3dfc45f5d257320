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

from fazhi.core.locking import parse_version
from fazhi.core.permissions import can, can_any
from fazhi.core.web import error_text, form_errors_text
from fazhi.indicators.registry import Period, catalog, compute

from . import checklist, rules, selectors, services
from .forms import ImportForm, LinkForm, TargetForm, TaskForm
from .linking import link_target
from .models import Assignment, PlanTask, TaskTarget, WorkPlan
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
    threshold = rules.lag_percent(plan.org)  # every share's jurisdiction is the plan's: read once
    for task in tasks:
        for t in task.targets.all():
            v = values.get(t.indicator)
            t.figure = v
            t.figure_name = names.get(t.indicator, {}).get("zh", "")
            t.met = rules.met(t.op, v.value if v else None, t.value)
        for a in task.shares:
            a.shown = rules.shown_status(a, today, threshold)
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


# -- editing a plan's tasks -----------------------------------------------------------------------------------


def _managed_plan(request, pk: int):
    """The plan, visible to the user (else 404), whose tasks the user may edit (else 403)."""
    plan = selectors.get_plan(request.user, pk)
    if not can(request.user, plan.org, "plans.manage"):
        raise PermissionDenied("只有本级或上级法治办可以修改工作要点的任务")
    return plan


def _task_of(request, pk: int) -> tuple[WorkPlan, PlanTask]:
    task = get_object_or_404(PlanTask.objects.select_related("plan"), pk=pk)
    return _managed_plan(request, task.plan_id), task


def _task_service_args(form: TaskForm) -> dict:
    d = form.cleaned_data
    return {
        "number": d["number"],
        "part": d["part"],
        "title": d["title"],
        "text": d["text"],
        "deadline": d["deadline"],
        "recurrence": d["recurrence"] or "",
        "leads": list(d["leads"]),
        "units": list(d["units"]),
        "version": d["version"],
        "on": timezone.localdate(),
    }


def _save_task_form(request, form: TaskForm, write) -> PlanTask | None:
    """Runs the service on a valid form; a refusal goes back onto the form, with the typed values."""
    if not form.is_valid():
        messages.error(request, f"未保存：{form_errors_text(form)}")
        return None
    try:
        return write()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error_text(exc))
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
    messages.error(request, f"未保存：{form_errors_text(form)}")
    return None


@login_required
def task_new(request, pk: int):
    plan = _managed_plan(request, pk)
    last = plan.tasks.order_by("-number").first()
    initial = {"version": plan.version, "number": (last.number + 1) if last else 1}
    form = TaskForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST":
        args = _task_service_args(form) if form.is_valid() else {}
        task = _save_task_form(
            request, form, lambda: services.add_task(actor=request.user, plan=plan, **args)
        )
        if task is not None:
            messages.success(request, f"已新增第{task.number}项任务。")
            return redirect("plans:task_edit", pk=task.pk)
    return render(request, "plans/task_form.html", {"plan": plan, "task": None, "form": form})


@login_required
def task_edit(request, pk: int):
    plan, task = _task_of(request, pk)
    shares = list(Assignment.objects.filter(task=task).select_related("unit").order_by("-lead", "unit__path"))
    initial = {
        "version": plan.version,
        "number": task.number,
        "part": task.part_id,
        "title": task.title,
        "text": task.text,
        "deadline": task.deadline,
        "recurrence": task.recurrence,
        "leads": [a.unit_id for a in shares if a.lead],
        "units": [a.unit_id for a in shares if not a.lead],
        "unmatched_units": task.unmatched_units,
    }
    form = TaskForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST":
        args = _task_service_args(form) if form.is_valid() else {}
        unmatched = form.cleaned_data.get("unmatched_units", "") if form.is_valid() else ""
        saved = _save_task_form(
            request,
            form,
            lambda: services.update_task(actor=request.user, task=task, unmatched_units=unmatched, **args),
        )
        if saved is not None:
            messages.success(request, f"已保存第{saved.number}项任务。")
            return redirect("plans:task_edit", pk=saved.pk)
    targets = [
        (
            t,
            TargetForm(
                initial={
                    "version": plan.version,
                    "text": t.text,
                    "op": t.op,
                    "value": t.value,
                    "unit": t.unit,
                    "indicator": t.indicator,
                },
                prefix=f"t{t.pk}",
                form_id=f"target-{t.pk}",
            ),
        )
        for t in task.targets.all()
    ]
    return render(
        request,
        "plans/task_form.html",
        {
            "plan": plan,
            "task": task,
            "form": form,
            "shares": shares,
            "targets": targets,
            "new_target": TargetForm(
                initial={"version": plan.version, "op": ">="}, prefix="new", form_id="target-new"
            ),
        },
    )


def _after_write(request, write, done: str) -> None:
    try:
        write()
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)


@login_required
@require_POST
def task_delete(request, pk: int):
    plan, task = _task_of(request, pk)
    number = task.number
    try:
        version = parse_version(request.POST.get("version"))
        services.delete_task(actor=request.user, task=task, version=version)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("plans:task_edit", pk=task.pk)
    messages.success(request, f"已删除第{number}项任务。")
    return redirect("plans:plan_detail", pk=plan.pk)


def _target_write(request, form: TargetForm, task: PlanTask, target: TaskTarget | None) -> None:
    if not form.is_valid():
        messages.error(request, f"目标未保存：{form_errors_text(form)}")
        return
    d = form.cleaned_data
    _after_write(
        request,
        lambda: services.save_target(
            actor=request.user,
            task=task,
            target=target,
            text=d["text"],
            op=d["op"],
            value=d["value"],
            unit=d["unit"],
            indicator=d["indicator"],
            version=d["version"],
        ),
        "已保存任务目标。",
    )


@login_required
@require_POST
def target_new(request, pk: int):
    _, task = _task_of(request, pk)
    _target_write(request, TargetForm(request.POST, prefix="new"), task, None)
    return redirect("plans:task_edit", pk=task.pk)


@login_required
@require_POST
def target_edit(request, pk: int):
    target = get_object_or_404(TaskTarget.objects.select_related("task__plan"), pk=pk)
    _, task = _task_of(request, target.task_id)
    _target_write(request, TargetForm(request.POST, prefix=f"t{target.pk}"), task, target)
    return redirect("plans:task_edit", pk=task.pk)


@login_required
@require_POST
def target_delete(request, pk: int):
    target = get_object_or_404(TaskTarget.objects.select_related("task__plan"), pk=pk)
    _, task = _task_of(request, target.task_id)
    _after_write(
        request,
        lambda: services.remove_target(
            actor=request.user, target=target, version=parse_version(request.POST.get("version"))
        ),
        "已删除任务目标。",
    )
    return redirect("plans:task_edit", pk=task.pk)
