"""Pages beyond the casework kit's: the public library of documents (no login; the portal links it) and the
clean-up (清理) campaigns of the office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.params import DateField
from fazhi.core.permissions import orgs_with
from fazhi.core.web import error_text, paged_list

from . import selectors, services
from .choices import CleanupOutcome
from .models import CleanupItem


def _day(params, name: str):
    """A date typed on the page (today when blank); a bad value is a ValidationError in Chinese."""
    return DateField(required=False).clean(params.get(name) or "") or timezone.localdate()


def public_list(request):
    """规范性文件库: the documents in force, searchable by title/文号, issuing org and year."""
    f = selectors.PublicFilters.from_params(request.GET)
    ctx = paged_list(request, selectors.public_documents(f), date_field="published_on")
    return render(request, "normative/public_list.html", {**ctx, "f": f})


def public_detail(request, pk: int):
    doc = selectors.public_document(pk)
    if doc is None:
        raise Http404("文件不存在或尚未公布")
    return render(
        request, "normative/public_detail.html", {"doc": doc, "events": doc.events.order_by("on", "id")}
    )


@login_required
def cleanups(request):
    orgs = orgs_with(request.user, "normative.handle").filter(kind__in=("province", "city", "county"))
    if request.method == "POST":
        try:
            org = orgs.filter(
                pk=request.POST.get("org") if (request.POST.get("org") or "").isdigit() else 0
            ).first()
            if org is None:
                raise PermissionDenied
            started = _day(request.POST, "started_on")
            campaign = services.start_cleanup(
                actor=request.user, org=org, title=request.POST.get("title", ""), started_on=started
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else "无权组织该清理")
            return redirect("normative:cleanups")
        messages.success(request, f"已开始清理，纳入现行有效文件 {campaign.items.count()} 件。")
        return redirect("normative:cleanup", pk=campaign.pk)
    return render(
        request,
        "normative/cleanups.html",
        {"campaigns": selectors.visible_campaigns(request.user).select_related("org"), "orgs": orgs},
    )


@login_required
def cleanup(request, pk: int):
    campaign = selectors.visible_campaigns(request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404("清理不存在或无权查看")
    items = campaign.items.select_related("document", "document__issuer").order_by(
        "document__registration_number"
    )
    return render(
        request,
        "normative/cleanup.html",
        {
            "campaign": campaign,
            "items": items,
            "outcomes": CleanupOutcome.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def cleanup_action(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    campaign = selectors.visible_campaigns(request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404("清理不存在或无权查看")
    try:
        on = _day(request.POST, "on")
        if request.POST.get("publish"):
            services.publish_cleanup(campaign=campaign, actor=request.user, published_on=on)
            messages.success(request, "已公布清理结果。")
        else:
            item_id = request.POST.get("item") or ""
            item = CleanupItem.objects.get(campaign=campaign, pk=int(item_id) if item_id.isdigit() else 0)
            services.decide_cleanup(
                item=item, actor=request.user, outcome=request.POST.get("outcome", ""), decided_on=on
            )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    except (PermissionDenied, CleanupItem.DoesNotExist):
        messages.error(request, "无权办理该清理")
    return redirect("normative:cleanup", pk=pk)
