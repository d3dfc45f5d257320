"""Small helpers shared by the pages of every app: error text, paging links, indicator drill-downs."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .locking import check_version, lock, parse_version
from .pagination import Page, keyset_page
from .params import int_param, period_param
from .permissions import scoped_count, visible_orgs


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


#: the page sizes a list offers (RuoYi: 10/20/50/100), and its default
PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20
#: numbered pages reach this many rows deep (OFFSET); beyond, 下一页 continues by keyset, as fast on page 10,000
MAX_OFFSET = 10_000
#: above this many rows a list on PostgreSQL shows the planner's estimate (约), not an exact COUNT over 1M rows
COUNT_EXACT_LIMIT = 100_000
#: on SQLite, a list of at most this many rows reads its page from its rows taken by id and sorted (rows_by_id):
#: about 30 ms at 4,000 rows (bench/hotline_list_speed.py), what a first page the date index served at once may
#: lose, against a walk to the end of the index for a deep page (0.5 s at 1M tickets, growing with the table)
SORTED_READ_LIMIT = 5_000


def count_rows(qs, pieces: list[Q] | None = None) -> tuple[int, bool]:
    """(rows of `qs`, whether the number is an estimate): exact up to COUNT_EXACT_LIMIT; beyond it, on
    PostgreSQL, the planner's estimate of the filtered query (never below the limit).

    `pieces` (core.permissions.scope_pieces of the scope `qs` is narrowed by) counts a scope over several org
    columns as disjoint index ranges summed, instead of the OR of the columns (scoped_count)."""
    from django.db import connections

    qs = qs.order_by()
    if connections[qs.db].vendor != "postgresql":
        return (scoped_count(qs, pieces) if pieces else qs.count()), False
    n = scoped_count(qs, pieces, COUNT_EXACT_LIMIT) if pieces else qs[: COUNT_EXACT_LIMIT + 1].count()
    if n <= COUNT_EXACT_LIMIT:
        return n, False
    sql, params = qs.values("pk").query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = (plan if isinstance(plan, list) else json.loads(plan))[0]
    return max(int(plan["Plan"]["Plan Rows"]), COUNT_EXACT_LIMIT + 1), True


def rows_by_id(qs, pieces: list[Q] | None = None):
    """`qs` again, said as: its rows whose id is among the ids of `qs` (of each of `pieces`, a scope split as
    for count_rows, whose ids are OR'd). The same rows in the same order, read differently on SQLite: the ids
    first, through the filter's own index ranges (the due index for the overdue tickets, a unit's ranges of
    the scope indexes), then each row by its id, and all of them sorted for the page.

    SQLite's statistics give an index one figure per column (rows per value, no histogram), so a narrow filter
    can look wide: three open states times a one-sided range of the due date look like a third of the table,
    a unit's `org_id = ?` like every ticket (one hotline takes them all). The planner then walks the date
    index to spare the sort and checks row after row: to the end of the index for a deep page of a narrow list,
    seconds at 1M tickets (bench/hotline_list_speed.py). An id list costs it nothing (25 rows, it assumes), so
    it takes the ids' index ranges and sorts: paged_list(sorted_read=True) when the count says the rows are few."""
    if not pieces:
        return qs.filter(pk__in=qs.order_by().values("pk"))
    by_piece = Q()
    for piece in pieces:
        by_piece |= Q(pk__in=qs.filter(piece).order_by().values("pk"))
    return qs.filter(by_piece)


def _page_window(current: int, last: int) -> list[int | None]:
    """Page numbers to show: the first, the last, two either side of the current one; None is a gap (…)."""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def list_order(params, *, date_field: str, sorts: dict[str, str] | None = None) -> tuple[str, list | None]:
    """The list's `sort` parameter ("received_on", "-next_due"): a column the list whitelists (`sorts`: parameter
    -> model field; the date it pages by always), ascending or, with "-", descending. Returns the parameter as
    understood and the ORDER BY of a sort other than the default (date desc: None, paged by keyset); empty
    values sort last either way. Anything else answers 400."""
    from django.db.models import F

    from .params import ParamError, param_name

    allowed = {date_field: date_field, **(sorts or {})}
    sort = (params.get("sort") or "").strip()
    if not sort or sort == f"-{date_field}":
        return f"-{date_field}", None
    name, desc = sort.removeprefix("-"), sort.startswith("-")
    if name not in allowed:
        raise ParamError(f"{param_name('sort')}无效：「{sort[:40]}」不是本列表可排序的列")
    field = allowed[name]
    first = F(field).desc(nulls_last=True) if desc else F(field).asc(nulls_last=True)
    return sort, [first, "-id" if desc else "id"]


def sort_links(params, sort: str, names) -> dict[str, dict]:
    """For each sortable column, the link that sorts by it (descending first when it is a date the list pages by,
    else ascending; again: the other way) and the current direction ("asc"/"desc"/"")."""
    out = {}
    for name in names:
        q = params.copy()
        for key in ("after", "page", "sort"):
            q.pop(key, None)
        current = "desc" if sort == f"-{name}" else "asc" if sort == name else ""
        q["sort"] = name if current == "desc" else f"-{name}" if current == "asc" else name
        out[name] = {"url": "?" + q.urlencode(), "dir": current}
    return out


def paged_list(
    request,
    qs,
    *,
    date_field: str,
    sorts: dict[str, str] | None = None,
    count_pieces: list[Q] | None = None,
    sorted_read: bool = False,
) -> dict:
    """The page of rows and what a list template shows around it: the total (共 N 条, 约 N 条 beyond the exact
    limit), page numbers (OFFSET, up to MAX_OFFSET rows deep) and page sizes, 下一页 (continuing by keyset past
    the numbered pages), 重置 and the export query of the current filter.

    `sorts` whitelists the columns a user may sort by (`?sort=next_due`, `-next_due`; list_order). The default
    order (date desc, id desc) pages by keyset past the numbered pages; another order is numbered pages only
    (OFFSET up to MAX_OFFSET rows), since a cursor names a place in the default order. `count_pieces`: see
    count_rows. `sorted_read`: on SQLite, a numbered page of at most SORTED_READ_LIMIT rows is read from the
    rows taken by id (rows_by_id, split by `count_pieces`), never by a walk of the date index."""
    from django.db import connections

    from .params import ParamError, param_name

    size = int_param(request.GET, "size", lo=1, hi=max(PAGE_SIZES)) or DEFAULT_PAGE_SIZE
    sort, order = list_order(request.GET, date_field=date_field, sorts=sorts)
    params = request.GET.copy()
    for key in ("after", "page"):
        params.pop(key, None)
    total, approximate = count_rows(qs, count_pieces)
    cursor = request.GET.get("after")
    if cursor and order is not None:
        raise ParamError(f"{param_name('after')}只用于默认排序：请从第一页按页码翻页")
    number = None if cursor else (int_param(request.GET, "page") or 1)
    if number is not None and (number - 1) * size > MAX_OFFSET:
        more_text = "之后请用「下一页」继续，或缩小筛选条件" if order is None else "请缩小筛选条件"
        raise ParamError(
            f"{param_name('page')}过大：按页码最多翻到第 {MAX_OFFSET // size + 1} 页，{more_text}"
        )
    if number is None:
        page: Page = keyset_page(qs, date_field=date_field, cursor=cursor, size=size)
    else:
        if sorted_read and total <= SORTED_READ_LIMIT and connections[qs.db].vendor == "sqlite":
            qs = rows_by_id(qs, count_pieces)  # few rows: sorted, not found by a walk of the date index
        ordered = qs.order_by(*(order or [f"-{date_field}", "-id"]))
        offset = (number - 1) * size
        rows = list(ordered[offset : offset + size + 1])
        more = len(rows) > size
        rows = rows[:size]
        nxt = f"{getattr(rows[-1], date_field).isoformat()}_{rows[-1].pk}" if more and rows else None
        page = Page(rows=rows, next_cursor=nxt, size=size)

    def link(**extra) -> str:
        q = params.copy()
        for k, v in extra.items():
            q[k] = v
        return "?" + q.urlencode()

    last = max(1, -(-total // size))
    numbered_last = min(last, MAX_OFFSET // size + 1)
    next_url = None
    if page.next_cursor:
        if number is not None and number + 1 <= numbered_last:
            next_url = link(page=number + 1)
        elif order is None:
            next_url = link(after=page.next_cursor)
    pages = [
        {"number": n, "url": link(page=n) if n else None, "current": n == number}
        for n in (_page_window(number, numbered_last) if number is not None else [])
    ]
    sizes = [{"size": n, "url": link(size=n), "current": n == size} for n in PAGE_SIZES]
    return {
        "page": page,
        "total": total,
        "total_approximate": approximate,
        "page_number": number,
        "pages": pages if numbered_last > 1 else [],
        "page_sizes": sizes,
        "prev_url": link(page=number - 1) if number and number > 1 else None,
        "next_url": next_url,
        "first_url": link() if cursor or (number or 1) > 1 else None,
        "export_query": urlencode(
            {k: v for k, v in request.GET.items() if k not in ("after", "page", "size", "sort")}
        ),
        "today": timezone.localdate(),
        "sort": sort,
        "sort_links": sort_links(params, sort, [date_field, *(sorts or {})]),
    }


def apply_action(*, case, actor, actions: dict, action: str, data, files=None) -> None:
    """Validate `data` (and uploaded `files`, for an action form with a file field) with the action's form and
    call its service; raises ValidationError in Chinese."""
    if action not in actions:
        raise ValidationError(f"未知的操作：{action}；可用操作：{'、'.join(actions)}")
    form_cls, service = actions[action]
    form = form_cls(data, files)
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
        apply_action(
            case=case,
            actor=request.user,
            actions=actions,
            action=action,
            data=request.POST,
            files=request.FILES,
        )
    except (ValidationError, PermissionDenied) as exc:
        if isinstance(exc, ValidationError):
            messages.error(request, f"{label}未完成：{error_text(exc)}")
        else:
            messages.error(request, str(exc) or "无权进行该操作")
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
