"""The registers beside the dispute ledger: 调解组织, 人民调解员, 调解员培训, 矛盾纠纷排查. Each list takes a
figure's drill-down (?indicator=…&org=…&period=…, core.web.drilldown) like the ledger's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_http_methods

from fazhi.core.exporting import XLSX, export_bytes, export_filename, table_response
from fazhi.core.params import int_param
from fazhi.core.permissions import can_any
from fazhi.core.web import drilldown, paged_list

from . import casework, forms, selectors, services


@dataclass(frozen=True)
class Register:
    title: str
    url: str  # the list's URL name
    create_url: str
    headers: tuple[str, ...]
    date_field: str
    search_hint: str
    rows: Callable[[Any], list[Any]]  # a record -> its cells (the first a (text, href) link)
    import_app: str = ""


def _cell(value: Any) -> Any:
    return f"{value:%Y-%m-%d}" if isinstance(value, date) else value


def _dispute_link(text: str, **params: Any) -> tuple[str, str]:
    return text, reverse("mediation:list") + "?" + urlencode(params)


def _org_row(o) -> list[Any]:
    return [
        _dispute_link(o.name, organization=o.pk),
        o.get_kind_display(),
        o.unit.name,
        o.members if o.members is not None else "—",
        o.mediator_count,
        o.established_on,
        o.dissolved_on or "—",
    ]


def _mediator_row(m) -> list[Any]:
    return [
        _dispute_link(m.name, mediator=m.pk),
        m.organization.name,
        m.get_post_display(),
        m.get_appointment_display(),
        m.qualifications or "—",
        m.training_hours,
        m.appointed_on,
        m.left_on or "—",
    ]


def _training_row(t) -> list[Any]:
    link = reverse("mediation:mediators") + f"?training={t.pk}"
    return [(t.title, link), t.unit.name, t.held_on, t.hours, t.attendee_count]


def _sweep_row(s) -> list[Any]:
    return [
        _dispute_link(f"{s.held_on:%Y-%m-%d} {s.area}", sweep=s.pk),
        s.unit.name,
        s.organization.name if s.organization else "—",
        s.risks_found,
        s.dispute_count,
        s.note or "—",
    ]


REGISTERS = {
    "organizations": Register(
        "调解组织",
        "mediation:organizations",
        "mediation:organization_create",
        ("调解组织名称", "组织类型", "所在单位", "委员人数", "在任调解员", "设立日期", "撤销日期"),
        "established_on",
        "调解组织名称",
        _org_row,
    ),
    "mediators": Register(
        "人民调解员",
        "mediation:mediators",
        "mediation:mediator_create",
        ("姓名", "调解组织", "专兼职", "任职方式", "资格与专长", "累计培训学时", "选任日期", "离任日期"),
        "appointed_on",
        "姓名、调解组织、资格",
        _mediator_row,
        import_app="mediation_mediators",
    ),
    "trainings": Register(
        "调解员培训",
        "mediation:trainings",
        "mediation:training_create",
        ("培训名称", "举办单位", "培训日期", "学时", "参训人数"),
        "held_on",
        "培训名称",
        _training_row,
    ),
    "sweeps": Register(
        "矛盾纠纷排查",
        "mediation:sweeps",
        "mediation:sweep_create",
        ("排查", "排查单位", "调解组织", "发现矛盾纠纷和风险隐患", "登记为纠纷", "排查情况"),
        "held_on",
        "排查区域、调解组织",
        _sweep_row,
    ),
}
QUERIES = {
    "organizations": lambda user, q: selectors.organizations_list(user, q).select_related("unit"),
    "mediators": selectors.mediators_list,
    "trainings": lambda user, q: selectors.trainings_list(user, q).select_related("unit"),
    "sweeps": lambda user, q: selectors.sweeps_list(user, q).select_related("unit", "organization"),
}


def _records(request, key: str):
    """The register's records the user may read, narrowed by the list's search (and a figure's drill-down)."""
    q = (request.GET.get("q") or "").strip()
    qs = QUERIES[key](request.user, q)
    if key == "mediators" and (training := int_param(request.GET, "training")):
        qs = qs.filter(trainings=training)
    qs, drill = drilldown(request, qs)
    return q, qs, drill


def _list(request, key: str):
    reg = REGISTERS[key]
    q, qs, drill = _records(request, key)
    ctx = paged_list(request, qs, date_field=reg.date_field)
    kind = casework.REGISTERS[key]
    ctx["rows"] = [
        ([_cell(c) for c in reg.rows(r)], reverse(kind.url_name("detail"), args=[r.pk]))
        for r in ctx["page"].rows
    ]
    ctx.update(
        reg=reg,
        q=q,
        drill=drill,
        list_url=reverse(reg.url),
        export_url=reverse("mediation:register_export", args=[key]) + "?" + request.GET.urlencode(),
        can_add=can_any(request.user, "mediation.handle"),
        can_import=bool(reg.import_app) and can_any(request.user, "mediation.import"),
    )
    return render(request, "mediation/register_list.html", ctx)


@login_required
def register_export(request, key: str):
    """导出: the register's records as the list shows them (the search and drill-down kept). 人民调解员 has an import
    sheet: its export is that sheet's (core.exporting), so the file re-imports; the others write the list's
    columns."""
    if key not in REGISTERS:
        raise Http404("没有这个登记簿")
    reg = REGISTERS[key]
    _, qs, _ = _records(request, key)
    if reg.import_app:
        data, count = export_bytes(request.user, reg.import_app, filters=qs)
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, export_filename(reg.import_app))
        response["X-Record-Count"] = str(count)
        return response
    rows = ([_plain(c) for c in reg.rows(r)] for r in qs.order_by(f"-{reg.date_field}", "-id").iterator())
    return table_response(reg.title, reg.headers, rows)


def _plain(cell: Any) -> Any:
    """A list cell as an xlsx value: a link's text, a date as a date."""
    return cell[0] if isinstance(cell, tuple) else None if cell == "—" else cell


@login_required
def organizations(request):
    return _list(request, "organizations")


@login_required
def mediators(request):
    return _list(request, "mediators")


@login_required
def trainings(request):
    return _list(request, "trainings")


@login_required
def sweeps(request):
    return _list(request, "sweeps")


def _create(request, key: str, form_class, service, initial: dict[str, Any]):
    reg = REGISTERS[key]
    if not can_any(request.user, "mediation.handle"):
        raise PermissionDenied(f"无权登记{reg.title}")
    form = form_class(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = service(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for name, errs in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(name if name in form.fields else None, "；".join(errs))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记{reg.title}：{record}")
            return redirect(reg.url)
    return render(
        request,
        "mediation/register_form.html",
        {"form": form, "title": f"登记{reg.title}", "reg": reg, "list_url": reverse(reg.url)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    today = timezone.localdate()
    return _create(
        request,
        "organizations",
        forms.OrganizationForm,
        services.register_organization,
        {"established_on": today},
    )


@login_required
@require_http_methods(["GET", "POST"])
def mediator_create(request):
    today = timezone.localdate()
    return _create(
        request, "mediators", forms.MediatorForm, services.register_mediator, {"appointed_on": today}
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request):
    today = timezone.localdate()
    return _create(request, "trainings", forms.TrainingForm, services.record_training, {"held_on": today})


@login_required
@require_http_methods(["GET", "POST"])
def sweep_create(request):
    today = timezone.localdate()
    return _create(request, "sweeps", forms.SweepForm, services.record_sweep, {"held_on": today})
