"""Pages of 统计填报 (forms, tasks, late list, drill-down).

Views stay thin: parse, check what the page offers, call a service (services.py) or a read (selectors.py),
render. Another org's record is a 404 (the reads are org-scoped); an action the user may see but not take
(a leader, a clerk reviewing) is a 403."""

from __future__ import annotations

import io
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.audit import record_history
from fazhi.core.params import DateField, int_param, period_param, recent_years, year_param
from fazhi.core.permissions import can, visible_orgs
from fazhi.core.web import error_text, form_errors_text
from fazhi.indicators.access import can_manage, home_jurisdiction, managed_orgs, manages_any
from fazhi.indicators.registry import Period, catalog, compute, plain

from . import selectors, services
from .indicators import breakdown, form_keys, is_derived
from .models import CollectedValue, CollectionForm, CollectionTask

# ---------------------------------------------------------------------------------------------------------
# Forms (Django) of the pages


class FormDefForm(forms.Form):
    name = forms.CharField(
        label="名称", max_length=100, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    owner = forms.ModelChoiceField(
        label="发起机构", queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    period = forms.CharField(
        label="统计期间",
        max_length=30,
        help_text="如 2025（年度）、2025Q2（季度）、2025-06（月）",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    keys = forms.MultipleChoiceField(label="指标", choices=(), widget=forms.CheckboxSelectMultiple)
    instructions = forms.CharField(
        label="填报说明", required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 3})
    )

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = managed_orgs(user).exclude(kind="unit").order_by("path")
        self.fields["keys"].choices = [(k, catalog()[k]["zh"]) for k in form_keys()]
        if editing:
            del self.fields["owner"]
            del self.fields["period"]

    def clean_period(self):
        try:
            return Period.parse(self.cleaned_data["period"])
        except ValidationError as exc:
            raise forms.ValidationError(error_text(exc)) from None


class AssignForm(forms.Form):
    orgs = forms.ModelMultipleChoiceField(
        label="填报机构",
        queryset=None,
        widget=forms.SelectMultiple(attrs={"class": "form-select tom", "size": 8}),
    )
    due_on = DateField(
        label="截止日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )

    def __init__(self, *args, form: CollectionForm, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orgs"].queryset = selectors.assignable_orgs(form)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回原因", max_length=300, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="填报文件（xlsx）", widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )


# ---------------------------------------------------------------------------------------------------------
# 填报表


@login_required
def form_list(request):
    q = (request.GET.get("q") or "").strip()
    status = request.GET.get("status") or ""
    year = year_param(request.GET)
    rows = selectors.filtered_forms(request.user, q=q, year=year, status=status).order_by(
        "-period_start", "-id"
    )[:200]
    return render(
        request,
        "collection/forms.html",
        {
            "rows": rows,
            "q": q,
            "status": status,
            "year": year,
            "years": recent_years(),
            "statuses": CollectionForm.Status.choices,
            "can_create": manages_any(request.user),
        },
    )


def _form_page(request, form, *, title: str, editing: bool, instance=None):
    return render(
        request,
        "collection/form_edit.html",
        {
            "form": form,
            "groups": selectors.grouped_form_keys(),
            "selected": set(form["keys"].value() or []),
            "title": title,
            "editing": editing,
            "instance": instance,
        },
    )


@login_required
def form_create(request):
    if not manages_any(request.user):
        raise PermissionDenied("只有法治办可以定义统计填报表")
    year = timezone.localdate().year - 1
    form = FormDefForm(
        request.POST or None,
        user=request.user,
        initial={
            "period": str(year),
            "name": f"{year}年度法治政府建设统计表",
            "owner": home_jurisdiction(request.user),
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            obj = services.create_form(
                actor=request.user,
                owner=d["owner"],
                name=d["name"],
                period=d["period"],
                keys=d["keys"],
                instructions=d["instructions"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, f"已创建填报表「{obj.name}」，请下发给填报机构。")
            return redirect("collection:form_detail", pk=obj.pk)
    return _form_page(request, form, title="新增填报表", editing=False)


@login_required
def form_edit(request, pk: int):
    obj = selectors.get_form(request.user, pk)
    if not can_manage(request.user, obj.owner):
        raise PermissionDenied("只有法治办可以修改填报表")
    form = FormDefForm(
        request.POST or None,
        user=request.user,
        editing=True,
        initial={"name": obj.name, "keys": obj.keys, "instructions": obj.instructions},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_form(
                form=obj, actor=request.user, name=d["name"], keys=d["keys"], instructions=d["instructions"]
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已保存。")
            return redirect("collection:form_detail", pk=obj.pk)
    return _form_page(request, form, title=f"修改填报表：{obj.name}", editing=True, instance=obj)


@login_required
def form_detail(request, pk: int):
    obj = selectors.get_form(request.user, pk)
    manage = can_manage(request.user, obj.owner)
    tasks = list(
        selectors.filtered_tasks(request.user, selectors.TaskFilters(form=obj.pk)).order_by("org__path")
    )
    values = compute(obj.owner, obj.period, obj.keys)
    summary = []
    for key in obj.keys:
        v = values[key]
        summary.append(
            {
                "value": v,
                "derived": is_derived(key),
                "url": f"{reverse('collection:values')}?indicator={key}&org={obj.owner.pk}&period={obj.period.token}",
            }
        )
    counts = {s: sum(1 for t in tasks if t.status == s) for s, _ in CollectionTask.Status.choices}
    return render(
        request,
        "collection/form.html",
        {
            "obj": obj,
            "tasks": tasks,
            "counts": counts,
            "summary": summary,
            "fields": [
                {
                    "key": k,
                    "zh": catalog()[k]["zh"],
                    "unit": catalog()[k]["unit"],
                    "derived": is_derived(k),
                    "entry": catalog()[k],
                }
                for k in obj.keys
            ],
            "history": record_history(obj),
            "manage": manage,
            "assign_form": AssignForm(form=obj, initial={"due_on": obj.period_end})
            if manage and obj.status != CollectionForm.Status.CLOSED
            else None,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def form_assign(request, pk: int):
    obj = selectors.get_form(request.user, pk)
    if not can_manage(request.user, obj.owner):
        raise PermissionDenied("只有法治办可以下发填报表")
    form = AssignForm(request.POST, form=obj)
    if not form.is_valid():
        messages.error(request, f"下发未完成：{form_errors_text(form)}")
    else:
        try:
            created = services.assign_form(
                form=obj,
                actor=request.user,
                orgs=form.cleaned_data["orgs"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as exc:
            messages.error(request, f"下发未完成：{error_text(exc)}")
        else:
            messages.success(request, f"已下发 {len(created)} 个填报任务。")
    return redirect("collection:form_detail", pk=pk)


@login_required
@require_POST
def form_close(request, pk: int):
    obj = selectors.get_form(request.user, pk)
    if not can_manage(request.user, obj.owner):
        raise PermissionDenied("只有法治办可以截止填报")
    services.close_form(form=obj, actor=request.user)
    messages.success(request, "已截止填报；已采纳的数值继续有效。")
    return redirect("collection:form_detail", pk=pk)


# ---------------------------------------------------------------------------------------------------------
# 填报任务


@login_required
def task_list(request):
    f = selectors.TaskFilters.from_params(request.GET)
    today = timezone.localdate()
    rows = list(
        selectors.filtered_tasks(request.user, f, today=today).order_by(
            "-form__period_start", "due_on", "id"
        )[:300]
    )
    return render(
        request,
        "collection/tasks.html",
        {
            "rows": rows,
            "f": f,
            "years": recent_years(),
            "statuses": CollectionTask.Status.choices,
            "reminders": selectors.recent_reminders(request.user),
            "today": today,
        },
    )


@login_required
def late_list(request):
    today = timezone.localdate()
    rows = list(_late(request, request.GET, today).order_by("due_on", "org__path")[:500])
    for t in rows:
        t.days_late = (today - t.due_on).days
    return render(
        request,
        "collection/late.html",
        {
            "rows": rows,
            "f": selectors.TaskFilters.from_params(request.GET),
            "today": today,
            "years": recent_years(),
            "query": request.GET.urlencode(),
            "can_remind": any(can_manage(request.user, t.form.owner) for t in rows),
        },
    )


def _late(request, params, today):
    """The late tasks of the page's filter that the user sees."""
    f = selectors.TaskFilters.from_params(params)
    f.late = True
    return selectors.filtered_tasks(request.user, f, today=today).select_related("form", "org", "form__owner")


@login_required
@require_POST
def late_remind(request):
    """一键催报: a reminder now to every late task of the current filter whose form the user manages (each at most
    once a day, as `fazhi remind` does), recorded with the user in the 催报记录 and the operation log."""
    today = timezone.localdate()
    tasks = [t for t in _late(request, request.POST, today) if can_manage(request.user, t.form.owner)]
    if not tasks:
        raise PermissionDenied("没有您可以催报的逾期任务（催报需要本级或上级法治办的统计填报管理权限）")
    ids = CollectionTask.objects.filter(pk__in=[t.pk for t in tasks])
    sent = services.send_late_reminders(today=today, tasks=ids, actor=request.user)
    skipped = len(tasks) - len(sent)
    note = f"；{skipped} 个任务今日已催报过，未重复发送" if skipped else ""
    messages.success(request, f"已向 {len(sent)} 个逾期未报的单位发出催报{note}。")
    query = "&".join(f"{k}={quote(v)}" for k, v in request.POST.items() if k in ("q", "year"))
    return redirect(reverse("collection:late") + (f"?{query}" if query else ""))


@login_required
def late_export(request):
    """The 逾期未报 list of the current filter as a workbook (Chinese file name)."""
    from openpyxl import Workbook

    from fazhi.core.xlsx import safe_row

    today = timezone.localdate()
    wb = Workbook()
    ws = wb.active
    ws.title = "逾期未报"
    ws.append(["填报机构", "填报表", "截止日期", "逾期天数", "状态", "催报次数", "最近催报"])
    for t in _late(request, request.GET, today).order_by("due_on", "org__path"):
        ws.append(
            safe_row(
                ws,
                [
                    t.org.name,
                    t.form.name,
                    t.due_on.isoformat(),
                    (today - t.due_on).days,
                    t.get_status_display(),
                    t.n_reminders,
                    t.last_reminder.isoformat() if t.last_reminder else "",
                ],
            )
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = quote(f"逾期未报任务{today:%Y%m%d}.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
def task_detail(request, pk: int):
    task = selectors.get_task(request.user, pk)
    fillable = services.can_fill(request.user, task)
    review = can_manage(request.user, task.form.owner)
    return render(
        request,
        "collection/task.html",
        {
            "task": task,
            "fields": selectors.task_fields(task),
            "fillable": fillable,
            "can_submit": fillable,
            "can_accept": review and task.status == CollectionTask.Status.SUBMITTED,
            "can_return": review
            and task.status in (CollectionTask.Status.SUBMITTED, CollectionTask.Status.ACCEPTED),
            "return_form": ReturnForm(),
            "upload_form": UploadForm(),
            "reminders": task.reminders.all(),
            "history": record_history(task),
            "value_history": selectors.value_history(task),
            "today": timezone.localdate(),
        },
    )


def _posted_values(request, task):
    values, notes = {}, {}
    for f in selectors.task_fields(task):
        if f"v_{f.key}" in request.POST:
            values[f.key] = request.POST.get(f"v_{f.key}", "")
            notes[f.key] = request.POST.get(f"n_{f.key}", "")
    return values, notes


TASK_ACTIONS = {"save": "保存", "submit": "提交", "accept": "采纳", "return": "退回"}


@login_required
@require_POST
def task_action(request, pk: int, action: str):
    task = selectors.get_task(request.user, pk)
    if action not in TASK_ACTIONS:
        messages.error(request, f"未知的操作：{action}")
        return redirect("collection:task", pk=pk)
    label = TASK_ACTIONS[action]
    if action in ("save", "submit") and not can(request.user, task.org, "collection.fill"):
        raise PermissionDenied("无权填报该单位的统计数据")
    if action in ("accept", "return") and not can_manage(request.user, task.form.owner):
        raise PermissionDenied("只有发起填报的法治办可以审核")
    try:
        if action in ("save", "submit"):
            if task.is_open:
                values, notes = _posted_values(request, task)
                if values:
                    task = services.save_values(task=task, actor=request.user, values=values, notes=notes)
            if action == "submit":
                task = services.submit_task(task=task, actor=request.user)
        elif action == "accept":
            services.accept_task(task=task, actor=request.user)
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form_errors_text(form))
            services.return_task(task=task, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, f"{label}未完成：{error_text(exc)}")
    else:
        messages.success(request, f"已{label}。")
    return redirect("collection:task", pk=pk)


@login_required
def task_template(request, pk: int):
    from .importers import template_workbook

    task = selectors.get_task(request.user, pk)
    data = template_workbook(task)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = quote(f"{task.form.name}-{task.org.name}.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
@require_POST
def task_upload(request, pk: int):
    from .importers import import_values

    task = selectors.get_task(request.user, pk)
    if not can(request.user, task.org, "collection.fill"):
        raise PermissionDenied("无权填报该单位的统计数据")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, f"上传未完成：{form_errors_text(form)}")
        return redirect("collection:task", pk=pk)
    upload = form.cleaned_data["file"]
    try:
        from fazhi.core.importing import FileRejected, check_size

        check_size(upload.size)
        import_values(task=task, actor=request.user, data=upload.read(), filename=upload.name)
    except FileRejected as exc:
        messages.error(request, f"上传未完成，未保存任何数值：{exc}")
    except ValidationError as exc:
        messages.error(request, f"上传未完成，未保存任何数值：{error_text(exc)}")
    else:
        messages.success(request, "已按上传的文件保存数值；核对无误后请点击「提交」。")
    return redirect("collection:task", pk=pk)


@login_required
def value_drilldown(request):
    """?indicator=KEY&org=ID&period=TOKEN: the accepted submissions behind a form figure."""
    key = request.GET.get("indicator") or ""
    if key not in catalog() or catalog()[key].get("source") != "form":
        messages.error(request, "请选择统计填报指标")
        return redirect("collection:tasks")
    org_id = int_param(request.GET, "org")
    org = visible_orgs(request.user).filter(pk=org_id).first() if org_id else None
    if org is None:
        raise PermissionDenied("无权查看该机构的指标明细")
    period = period_param(request.GET, "period", default=str(timezone.localdate().year))
    whole_year = Period.year(period.start.year)
    if (period.start, period.end) == (whole_year.start, whole_year.end):
        period = whole_year  # "2025年", not "2025年01月01日至2025年12月31日"
    value = compute(org, period, [key])[key]
    rows = breakdown(key, org, period)
    by_id = {
        v.pk: v
        for v in CollectedValue.objects.filter(pk__in=[c.entry.value_id for c in rows]).select_related(
            "task", "task__org", "task__form"
        )
    }
    items = [
        {
            "c": c,
            "v": by_id[c.entry.value_id],
            "name": catalog()[c.key]["zh"],
            "shown": plain(c.entry.value, catalog()[c.key]["unit"]),
        }
        for c in rows
        if c.entry.value_id in by_id
    ]
    return render(
        request,
        "collection/values.html",
        {"key": key, "entry": catalog()[key], "org": org, "period": period, "value": value, "items": items},
    )
