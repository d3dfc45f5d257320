"""Pages beyond the casework kit's: the annual 决策事项目录 (approve, publish) and its public page (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.core.params import DateField
from fazhi.core.web import error_text

from . import selectors, services
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
