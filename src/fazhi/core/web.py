"""Small helpers shared by the pages of every app: error text, paging links, indicator drill-downs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .locking import check_version, lock, parse_version
from .pagination import Page, keyset_page
from .params import int_param, period_param
from .permissions import visible_orgs


def error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


def form_errors_text(form) -> str:
    parts = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{'，'.join(errs)}" if label else "，".join(errs))
    return "；".join(parts)


DRILL_PARAMS = ("indicator", "org", "period", "part")


def list_params(params):
    """The query parameters a list's own filters read. On a drill-down (?indicator=KEY&org=ID&period=TOKEN)
    `org` and `period` name the figure's org and period, not the list's filters (a city figure's `org` read
    as the list's 复议机关 filter dropped its counties' cases), so they are left to `drilldown`."""
    if not params.get("indicator"):
        return params
    kept = params.copy()
    for name in DRILL_PARAMS:
        kept.pop(name, None)
    return kept


def drilldown(request, qs):
    """?indicator=KEY&org=ID&period=TOKEN narrows `qs` to the records behind a figure (within scope)."""
    from fazhi.indicators.registry import drilldown_records, registered

    key = request.GET.get("indicator")
    if not key:
        return qs, None
    org_id = int_param(request.GET, "org")
    org = visible_orgs(request.user).filter(pk=org_id).first() if org_id else None
    if org is None:
        raise PermissionDenied("无权查看该机构的指标明细")
    period = period_param(request.GET, "period", default=str(timezone.localdate().year))
    try:
        part = request.GET.get("part", "")
        records = drilldown_records(key, org, period, part)
    except ValidationError as exc:
        raise Http404(error_text(exc)) from exc
    if records.model is not qs.model:
        # The figure's records live in another list (e.g. a reconsideration figure on the litigation page).
        raise Http404(f"指标「{registered()[key].name}」的明细不在本列表中")
    label = f"{org.name} · {period.label} · {registered()[key].name}" + (
        "（分母）" if part == "denominator" else ""
    )
    return qs.filter(id__in=records.values("id")), label


def paged_list(request, qs, *, date_field: str) -> dict:
    """The page of rows and the links a list template needs (next page, back to first, export query)."""
    page: Page = keyset_page(qs, date_field=date_field, cursor=request.GET.get("after"), size=50)
    params = request.GET.copy()
    params.pop("after", None)
    next_url = None
    if page.next_cursor:
        params["after"] = page.next_cursor
        next_url = "?" + params.urlencode()
        params.pop("after")
    return {
        "page": page,
        "next_url": next_url,
        "first_url": "?" + params.urlencode() if request.GET.get("after") else None,
        "export_query": urlencode({k: v for k, v in request.GET.items() if k != "after"}),
        "today": timezone.localdate(),
    }


def apply_action(*, case, actor, actions: dict, action: str, data) -> None:
    """Validate `data` with the action's form and call its service; raises ValidationError in Chinese."""
    if action not in actions:
        raise ValidationError(f"未知的操作：{action}；可用操作：{'、'.join(actions)}")
    form_cls, service = actions[action]
    form = form_cls(data)
    if not form.is_valid():
        raise ValidationError(form_errors_text(form))
    version = parse_version(data.get("version"))
    with transaction.atomic():
        if version is not None:  # the form was filled in against this version of the record
            check_version(lock(case), version)
        service(case=case, actor=actor, **form.cleaned_data)


def api_action_data(request, payload: dict) -> dict:
    """An API action's fields; the record version may come as `version` or as an `If-Match` header."""
    header = request.headers.get("If-Match", "").strip()
    if header and header != "*" and payload.get("version") in (None, ""):
        return {**payload, "version": header}
    return payload


#: session key of the typed values of an action that failed, so the page shows them again (with the reason)
FAILED_ACTION = "fazhi_failed_action"


def run_action(request, *, case, actions: dict, transitions: dict, action: str) -> bool:
    """The page's side of apply_action: the outcome becomes a message on the case page; after a refusal the typed
    values are kept for the page to show again (`action_forms(..., failed=...)`)."""
    from django.contrib import messages

    label = transitions[action].label if action in transitions else action
    try:
        apply_action(case=case, actor=request.user, actions=actions, action=action, data=request.POST)
    except (ValidationError, PermissionDenied) as exc:
        reason = error_text(exc) if isinstance(exc, ValidationError) else (str(exc) or "无权进行该操作")
        messages.error(request, f"{label}未完成：{reason}")
        data = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "version")}
        request.session[FAILED_ACTION] = {
            "record": f"{case._meta.label}:{case.pk}",
            "action": action,
            "data": data,
        }
        return False
    messages.success(request, f"已{label}。")
    return True


def failed_action(request, record) -> dict | None:
    """The action that just failed on `record` (its name and typed values), taken out of the session."""
    failed = request.session.pop(FAILED_ACTION, None)
    if failed and failed.get("record") == f"{record._meta.label}:{record.pk}":
        return failed
    return None


def action_forms(
    names,
    *,
    actions: dict,
    transitions: dict,
    initial_extra: dict | None = None,
    version: int | None = None,
    failed: dict | None = None,
) -> list[dict]:
    """The forms of the actions allowed now, dates defaulting to today, ids unique per form.

    `version` is the record's version when the page was drawn; each form posts it back (core.locking). `failed`
    (failed_action) binds that action's form to what the user typed, so nothing has to be typed again."""
    today = timezone.localdate()
    out = []
    for name in names:
        form_cls, _ = actions[name]
        initial = {k: today for k, f in form_cls.base_fields.items() if f.__class__.__name__ == "DateField"}
        initial.update((initial_extra or {}).get(name, {}))
        out.append(
            {
                "name": name,
                "label": transitions[name].label,
                "form": (
                    form_cls(failed["data"], auto_id=f"{name}-%s")
                    if failed and failed["action"] == name
                    else form_cls(initial=initial, auto_id=f"{name}-%s")
                ),
                "version": version,
                "failed": bool(failed and failed["action"] == name),
            }
        )
    return out
