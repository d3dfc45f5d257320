"""The pages beside the case ledger: officers and their certificates, case-file reviews. Both take a figure's
drill-down (?indicator=…&org=…&period=…, core.web.drilldown) like the ledger's list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core.exporting import export_response
from fazhi.core.jsettings import get_setting
from fazhi.core.permissions import can, can_any, visible_orgs
from fazhi.core.web import drilldown, error_text, list_params, paged_list

from . import services
from .choices import PowerStatus, PowerType, WarningKind, WarningState
from .forms import CloseWarningForm, PowerChangeForm, PowerItemForm, PowerRemoveForm
from .rules import POWER_FIELDS, power_label
from .scan import JUMP_RULE
from .selectors import (
    TRAINING_SETTING,
    PowerFilters,
    WarningFilters,
    expiring_certificates,
    filtered_power_items,
    filtered_warnings,
    get_power_item,
    get_warning,
    training_shortfall,
    visible_officers,
    visible_power_items,
    visible_reviews,
    warnings_by_unit,
    zero_enforcement_items,
)


@login_required
def officers(request):
    today = timezone.localdate()
    q = (request.GET.get("q") or "").strip()
    warn = request.GET.get("warn") or ""
    qs = visible_officers(request.user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(cert_number__icontains=q))
    if warn == "expiring":
        qs = expiring_certificates(qs, today)
    elif warn == "training":
        qs = training_shortfall(qs, today.year)
    qs, drill = drilldown(request, qs)
    ctx = paged_list(request, qs.select_related("unit"), date_field="issued_on")
    first = request.user.memberships.select_related("org").first()
    ctx.update(
        q=q,
        warn=warn,
        drill=drill,
        list_url=reverse("enforcement:officers"),
        required_hours=get_setting(first.org, TRAINING_SETTING) if first else None,
    )
    return render(request, "enforcement/officers.html", ctx)


@login_required
def reviews(request):
    qs, drill = drilldown(request, visible_reviews(request.user))
    campaign = request.GET.get("campaign", "")
    if campaign.isdigit():
        qs = qs.filter(campaign_id=int(campaign))
    qs = qs.select_related("campaign", "rectification").annotate(started_on=F("campaign__started_on"))
    ctx = paged_list(request, qs, date_field="started_on")
    ctx.update(
        drill=drill,
        list_url=reverse("enforcement:reviews"),
        can_manage=can_any(request.user, "enforcement.manage"),
    )
    return render(request, "enforcement/reviews.html", ctx)


# -- 权责清单 ---------------------------------------------------------------------------------------------


def _form_error(form, exc: ValidationError) -> None:
    for name, messages_ in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        form.add_error(name if name in form.fields else None, "；".join(messages_))


@login_required
def powers(request):
    from .importers import PowerItemImporter

    f = PowerFilters.from_params(list_params(request.GET), drill=bool(request.GET.get("indicator")))
    today = timezone.localdate()
    visible = visible_power_items(request.user)
    if request.GET.get("export") == "1":
        return export_response(request.user, PowerItemImporter.app, request.GET)
    zero = zero_enforcement_items(visible, today)
    # on a figure's drill-down `f` lays no default status: exactly its records, removed since or not
    qs = zero if request.GET.get("zero") == "1" else filtered_power_items(request.user, f)
    qs, drill = drilldown(request, qs)
    ctx = paged_list(request, qs.select_related("unit"), date_field="added_on", sorts={"code": "code"})
    zero_by_unit: dict[str, int] = {}
    for name in zero.values_list("unit__name", flat=True):
        zero_by_unit[name] = zero_by_unit.get(name, 0) + 1
    ctx.update(
        f=f,
        drill=drill,
        zero=request.GET.get("zero") == "1",
        zero_by_unit=sorted(zero_by_unit.items(), key=lambda kv: -kv[1]),
        zero_total=sum(zero_by_unit.values()),
        power_types=PowerType.choices,
        statuses=PowerStatus.choices,
        units=visible_orgs(request.user).filter(kind="unit").order_by("path"),
        list_url=reverse("enforcement:powers"),
        can_add=can_any(request.user, "enforcement.handle"),
        can_import=can_any(request.user, "enforcement.import"),
        import_app=PowerItemImporter.app,
    )
    return render(request, "enforcement/powers.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def power_create(request):
    if not can_any(request.user, "enforcement.handle"):
        raise PermissionDenied("无权登记权责事项")
    form = PowerItemForm(request.POST or None, user=request.user, initial={"implementer": "unit"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            item = services.add_power_item(actor=request.user, **d)
        except ValidationError as exc:
            _form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已将「{item.code} {item.name}」列入{item.unit.name}的权责清单。")
            return redirect("enforcement:power_detail", pk=item.pk)
    return render(request, "enforcement/power_form.html", {"form": form, "title": "新增权责事项"})


@login_required
@require_http_methods(["GET", "POST"])
def power_detail(request, pk: int):
    item = get_power_item(request.user, pk)
    may = can(request.user, item.org, "enforcement.handle") or can(
        request.user, item.unit, "enforcement.handle"
    )
    current = item.status == PowerStatus.CURRENT
    initial = {name: getattr(item, name) for name in PowerChangeForm.base_fields if hasattr(item, name)}
    change_form = PowerChangeForm(initial=initial, prefix="change")
    remove_form = PowerRemoveForm(prefix="remove")
    if request.method == "POST":
        if not may:
            raise PermissionDenied("无权调整该单位的权责清单")
        action = request.POST.get("action")
        form = PowerChangeForm(request.POST, prefix="change") if action == "change" else None
        if action == "remove":
            form = PowerRemoveForm(request.POST, prefix="remove")
        if form is None:
            raise Http404("未知的操作")
        if form.is_valid():
            d = dict(form.cleaned_data)
            try:
                if action == "change":
                    services.change_power_item(item=item, actor=request.user, **d)
                    messages.success(request, "已按文件变更该事项，调整前后内容已记入调整记录。")
                else:
                    services.remove_power_item(item=item, actor=request.user, **d)
                    messages.success(request, "已取消该事项：不再列入现行清单，调整记录和修改历史保留。")
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                return redirect("enforcement:power_detail", pk=item.pk)
        if action == "change":
            change_form = form
        else:
            remove_form = form
    changes = list(item.changes.select_related("actor").order_by("seq"))
    for c in changes:
        c.rows = [
            (power_label(k), c.before.get(k, ""), c.after.get(k, ""))
            for k in POWER_FIELDS
            if k in c.before or k in c.after
        ]
    return render(
        request,
        "enforcement/power_detail.html",
        {
            "item": item,
            "changes": changes,
            "may": may and current,
            "change_form": change_form,
            "remove_form": remove_form,
            "cases": item.cases.order_by("-filed_on")[:10],
            "case_count": item.cases.count(),
        },
    )


@login_required
def warnings(request):
    """执法监督预警: the open warnings by unit (filter by kind, unit, state); each row links to its records."""
    f = WarningFilters.from_params(list_params(request.GET), drill=bool(request.GET.get("indicator")))
    qs, drill = drilldown(request, filtered_warnings(request.user, f))
    summary = warnings_by_unit(filtered_warnings(request.user, WarningFilters(kind=f.kind, state="")))
    qs = qs.select_related("unit", "case", "officer", "closed_by")
    ctx = paged_list(request, qs, date_field="opened_on")
    ctx.update(
        f=f,
        drill=drill,
        summary=summary,
        kinds=WarningKind.choices,
        states=WarningState.choices,
        units=visible_orgs(request.user).filter(kind="unit").order_by("path"),
        list_url=reverse("enforcement:warnings"),
        jump_rule=JUMP_RULE,
    )
    return render(request, "enforcement/warnings.html", ctx)


@login_required
def close_warning(request, pk: int):
    """关闭预警 with the unit's explanation (required)."""
    warning = get_warning(request.user, pk)
    if not (
        can(request.user, warning.unit, "enforcement.handle")
        or can(request.user, warning.org, "enforcement.handle")
    ):
        raise PermissionDenied("无权关闭该单位的执法监督预警")
    form = CloseWarningForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_warning(
                warning=warning,
                actor=request.user,
                explanation=form.cleaned_data["explanation"],
                closed_on=form.cleaned_data["closed_on"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已记录单位说明，预警已关闭。")
            return redirect(reverse("enforcement:warnings") + f"?unit={warning.unit_id}")
    return render(request, "enforcement/warning_close.html", {"warning": warning, "form": form})


IMPORT_MODES = {"adjust": "逐项调整", "whole": "整表更新"}


@login_required
@require_http_methods(["GET", "POST"])
def power_import(request):
    """导入预览: the 权责清单 workbook is read and checked in full, and what it will change is listed (新增, 变更
    with each field before and after, 取消) before anything is written; 确认导入 then runs it as an import job
    (all rows or none, checked again). A file with other headers is read by its saved or suggested mapping."""
    from fazhi.core.import_views import _plan
    from fazhi.core.importing import FileRejected, check_upload
    from fazhi.core.importing.mapping import check_mapping, visible_mappings
    from fazhi.core.models import ImportJob
    from fazhi.core.tasks import run_import_job

    from .importers import PowerItemImporter

    importer = PowerItemImporter(request.user)
    importer.require_user()  # 403 before any upload
    app = PowerItemImporter.app
    saved = visible_mappings(request.user, app)
    ctx: dict = {
        "importer": PowerItemImporter,
        "app": app,
        "mappings": saved,
        "errors": [],
        "error": "",
        "modes": IMPORT_MODES,
    }
    if request.method == "POST" and request.POST.get("job"):
        job = ImportJob.objects.filter(
            pk=request.POST["job"] if request.POST["job"].isdigit() else 0,
            created_by=request.user,
            app=app,
            status=ImportJob.State.MAPPING,
        ).first()
        if job is None:
            raise Http404("导入任务不存在或已导入")
        job.status = ImportJob.State.PENDING
        job.save(update_fields=["status"])
        run_import_job.enqueue(job.pk)
        return redirect("core-import-status", pk=job.pk)
    if request.method == "POST":
        from fazhi.core.importing.mapping import read_headers

        from .importers import WHOLE_LIST, WholeList

        mode = request.POST.get("mode") or ""
        whole = WholeList.from_json(
            {k: request.POST.get(f"whole_{k}", "") for k in ("doc_number", "doc_title", "doc_date", "reason")}
        )
        ctx.update(mode=mode, whole=whole)
        if mode not in IMPORT_MODES:
            ctx["error"] = (
                "请选择导入方式：「逐项调整」按每行的调整类型新增、变更、取消；「整表更新」以文件为单位现行的"
                "完整清单，文件中未列出的事项将被取消，须填写调整文件和理由"
            )
            return render(request, "enforcement/power_import.html", ctx, status=400)
        if mode == "whole" and (problems := whole.problems()):
            ctx.update(error="整表更新将取消文件中未列出的事项：" + "；".join(problems.values()))
            return render(request, "enforcement/power_import.html", ctx, status=400)
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise FileRejected("请选择要导入的文件")
            check_upload(upload)
            data = upload.read()
            sheet, headers = read_headers(data, filename=upload.name, sheet_name=PowerItemImporter.sheet_name)
        except FileRejected as exc:
            ctx["error"] = str(exc)
            return render(request, "enforcement/power_import.html", ctx, status=400)
        chosen = (
            saved.filter(pk=request.POST.get("mapping") or 0).first()
            if request.POST.get("mapping", "").isdigit()
            else None
        )
        plan = _plan(request.user, PowerItemImporter, sheet, headers, chosen)
        if "headers" in plan:  # no saved mapping fits: the suggested one, if it maps every required column
            problems = plan["problems"] or check_mapping(PowerItemImporter.columns, headers, plan["initial"])
            if problems:
                ctx.update(
                    error="文件的表头与模板不符，请先在导入页面对应各列（可保存方案供下次使用）",
                    problems=problems,
                )
                return render(request, "enforcement/power_import.html", ctx, status=400)
            plan = {"sheet": sheet, "columns": dict(plan["initial"])}
        if not plan:
            plan = {
                "sheet": sheet,
                "columns": {c.key: c.header for c in PowerItemImporter.columns if c.header in set(headers)},
            }
        if mode == "whole":
            plan = {**plan, WHOLE_LIST: whole.to_json()}
        result = importer.run(data, filename=upload.name, mapping=plan, dry_run=True)
        if not result.ok:
            ctx.update(
                error=f"文件有 {len(result.errors)} 处错误，未导入任何事项，请改正后重新预览",
                errors=result.errors,
            )
            return render(request, "enforcement/power_import.html", ctx, status=400)
        rows = importer.plan(importer.built)
        job = ImportJob(
            app=app, filename=upload.name[:255], created_by=request.user, status=ImportJob.State.MAPPING
        )
        job.mapping = {**plan, "headers": [h for h in headers if h], "initial": plan["columns"]}
        upload.seek(0)
        job.source.save(upload.name, upload, save=False)
        job.save()
        counts = {
            label: sum(1 for r in rows if r["action_label"] == label)
            for label in ("新增", "变更", "取消", "不变")
        }
        kept = (
            [] if mode == "whole" else importer.omitted
        )  # 逐项调整: listed items the file omits stay listed
        ctx.update(
            job=job, rows=rows, counts=counts, mapped=plan.get("columns"), filename=upload.name, kept=kept
        )
    return render(request, "enforcement/power_import.html", ctx)


# -- 案卷评查 ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    """组织案卷评查: the jurisdiction, year, number of files and the recorded random seed (双随机)."""
    import secrets

    from .forms import CampaignForm

    if not can_any(request.user, "enforcement.manage"):
        raise PermissionDenied("无权组织案卷评查")
    today = timezone.localdate()
    initial = {
        "year": today.year - 1,
        "seed": secrets.randbelow(10**6),
        "started_on": today,
        "sample_size": 20,
    }
    form = CampaignForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.start_campaign(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"已组织「{campaign.name}」，按随机种子{campaign.seed}抽取案卷{campaign.sample_size}件。",
            )
            return redirect(reverse("enforcement:reviews") + f"?campaign={campaign.pk}")
    return render(request, "enforcement/power_form.html", {"form": form, "title": "组织案卷评查"})


@login_required
@require_http_methods(["GET", "POST"])
def review_score(request, pk: int):
    """评分 one sampled file: the machine items from the record, shown; the reviewer's items entered."""
    from fazhi.core.casework.kind import get_visible

    from .forms import ScoreForm
    from .rules import SHEET, machine_scores

    review = get_visible(visible_reviews(request.user), pk, user=request.user)
    case = review.case
    machine = machine_scores(case, case.officers.all())
    form = ScoreForm(request.POST or None, initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        scores = {i.key: d[f"score_{i.key}"] for i in SHEET if not i.machine}
        try:
            services.score_review(
                review=review,
                actor=request.user,
                scores=scores,
                reviewed_on=d["reviewed_on"],
                problems=d["problems"],
                rectify_due=d["rectify_due"],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"案卷{case.case_number}评分{review.score}分，{review.get_grade_display()}。"
            )
            return redirect(reverse("enforcement:reviews") + f"?campaign={review.campaign_id}")
    items = [{"item": i, "score": machine[i.key]} for i in SHEET if i.machine]
    return render(
        request, "enforcement/review_score.html", {"review": review, "form": form, "machine": items}
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_detail(request, pk: int):
    """One campaign: its progress (drawn, assigned, scored, 整改 open and closed), its files as the user may see
    them, and for the office the assignment of reviewers to the ticked files (not from the reviewed unit)."""
    from fazhi.core.casework.kind import get_visible

    from .forms import AssignForm
    from .selectors import campaign_progress, reviewer_candidates, visible_campaigns

    campaign = get_visible(visible_campaigns(request.user), pk, user=request.user)
    manage = can(request.user, campaign.org, "enforcement.manage")
    files = (
        visible_reviews(request.user)
        .filter(campaign=campaign)
        .select_related("reviewer", "rectification")
        .order_by("case__unit__path", "id")
    )
    form = AssignForm(request.POST or None, candidates=reviewer_candidates(campaign)) if manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("只有组织评查的法治办可以分配评查人员")
        ids = [int(v) for v in request.POST.getlist("reviews") if v.isdigit()]
        if form.is_valid():
            try:
                done = services.assign_reviewers(
                    campaign=campaign,
                    actor=request.user,
                    reviewer=form.cleaned_data["reviewer"],
                    reviews=list(campaign.reviews.filter(pk__in=ids).select_related("case", "case__unit")),
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                reviewer = form.cleaned_data["reviewer"]
                name = reviewer.get_full_name() or reviewer.get_username()
                messages.success(request, f"已将{len(done)}件案卷分配给{name}评查。")
                return redirect("enforcement:campaign_detail", pk=campaign.pk)
    return render(
        request,
        "enforcement/campaign.html",
        {
            "campaign": campaign,
            "progress": campaign_progress(campaign),
            "files": files,
            "form": form,
            "manage": manage,
        },
    )
