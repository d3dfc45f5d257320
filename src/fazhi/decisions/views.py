"""Pages beyond the casework kit's: the annual 决策事项目录 (approve, publish) and its public page (no login); the
公众意见台账 (where the public comment figures drill down) and the moderation and answer of each comment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from fazhi.core.params import DateField
from fazhi.core.web import drilldown, error_text, form_errors_text, paged_list

from . import comments as adoption
from . import forms, selectors, services
from .choices import CatalogStatus
from .models import DecisionCatalog


@login_required
def catalogs(request):
    rows = selectors.visible_catalogs(request.user).order_by("-year", "org__path")
    return render(request, "decisions/catalogs.html", {"catalogs": rows, "today": timezone.localdate()})


@login_required
def catalog_action(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    catalog = selectors.visible_catalogs(request.user).filter(pk=pk).first()
    if catalog is None:
        raise Http404("目录不存在或无权查看")
    try:
        on = DateField(required=False).clean(request.POST.get("on") or "") or timezone.localdate()
        if request.POST.get("action") == "publish":
            services.publish_catalog(catalog=catalog, actor=request.user, published_on=on)
            messages.success(request, "已向社会公布决策事项目录。")
        else:
            services.approve_catalog(catalog=catalog, actor=request.user, approved_on=on)
            messages.success(request, "已登记同级党委同意。")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "无权办理该目录")
    return redirect("decisions:catalogs")


def public_catalog(request, org_code: str, year: int):
    """A published catalog, for anyone."""
    catalog = (
        DecisionCatalog.objects.filter(org__code=org_code, year=year, status=CatalogStatus.PUBLISHED)
        .select_related("org")
        .first()
    )
    if catalog is None:
        raise Http404("目录不存在或尚未公布")
    items = selectors.public_catalog(catalog.org_id, year)
    return render(request, "decisions/public_catalog.html", {"catalog": catalog, "items": items})


@login_required
def comments(request):
    """公众意见台账: every public comment on the decisions the user may see (a figure's drill-down narrows it)."""
    qs, drill = drilldown(request, selectors.visible_comments(request.user))
    status = request.GET.get("status") or ""
    if status:
        qs = qs.filter(status=status)
    ctx = paged_list(request, qs.select_related("decision", "clause"), date_field="submitted_on")
    return render(request, "decisions/comments.html", {**ctx, "drill": drill, "status": status})


@login_required
def comment_action(request, pk: int, action: str):
    """审核 (moderate) or 答复 (answer) one comment, from the decision's 公众意见 tab."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    comment = selectors.visible_comments(request.user).select_related("decision").filter(pk=pk).first()
    if comment is None:
        raise Http404("意见不存在或无权查看")
    form_class = {"moderate": forms.ModerateForm, "answer": forms.AnswerForm}.get(action)
    if form_class is None:
        raise Http404("未知的操作")
    label = "审核" if action == "moderate" else "答复"
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, f"{label}未完成：{form_errors_text(form)}")
        return redirect(reverse("decisions:detail", args=[comment.decision_id]) + f"#comment-{comment.pk}")
    try:
        d = form.cleaned_data
        if action == "moderate":
            services.moderate_comment(
                comment=comment, actor=request.user, publish=d["publish"], reason=d["reason"]
            )
        else:
            services.answer_comment(
                comment=comment, actor=request.user, answer=d["answer"], reason=d["reason"]
            )
        messages.success(request, f"已{label}该意见。")
    except ValidationError as exc:
        messages.error(request, f"{label}未完成：{error_text(exc)}")
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "无权处理该意见")
    return redirect(reverse("decisions:detail", args=[comment.decision_id]) + f"#comment-{comment.pk}")


@login_required
def comments_export(request, pk: int):
    """意见采纳情况说明 (.xlsx) of one decision the user may see: its comments with their answers (no names or
    contacts, so nothing personal to log)."""
    decision = selectors.get_case(request.user, pk)
    response = HttpResponse(
        adoption.adoption_workbook(decision),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition_header(True, adoption.filename(decision))
    return response
