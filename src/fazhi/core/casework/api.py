"""The generic JSON API of a record type (CaseKind): list, detail, create and action endpoints.

`case_router(kind, ...)` returns a django-ninja Router; the app's `api.py` declares only its schemas (named after
the app, so every OpenAPI component name is unique), the filters the list takes, and how a registration payload
becomes the service's arguments. Each endpoint keeps the operation id it had when the app wrote it itself
(`<app module>_<function>`), so the OpenAPI document does not change."""

# No `from __future__ import annotations` here: ninja reads the endpoints' annotations, which name the app's
# schemas passed in as arguments (closure variables a string annotation could not resolve).

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Body, Router, Schema, Status

from fazhi.core.params import DbId, PageSize
from fazhi.core.web import api_action_data, apply_action, form_errors_text

from .kind import CaseKind


def _with_filters(list_view: Callable[..., Any], filters: dict[str, tuple[Any, Any]]) -> None:
    """The list's query parameters, as ninja reads them from the signature: `request`, the declared filters (name
    -> (annotation, default)), then the page's position and size (the view's own second and third parameters)."""
    plain = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter("request", plain)]
    params += [
        inspect.Parameter(name, plain, annotation=hint, default=default)
        for name, (hint, default) in filters.items()
    ]
    params += list(inspect.signature(list_view).parameters.values())[1:3]
    list_view.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]


def id_page(qs: Any, after: int | None, size: int) -> dict[str, Any]:
    """One page of `qs` in id order, keyset by id: `after` = the last id of the page before."""
    qs = qs.order_by("id")
    if after is not None:
        qs = qs.filter(id__gt=after)
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return {"items": rows, "next_cursor": rows[-1].pk if more else None}


def case_router(
    kind: CaseKind,
    *,
    module: str,
    tags: list[str],
    case_out: type[Schema],
    page_out: type[Schema],
    filters: dict[str, tuple[Any, Any]],
    register_in: type[Schema],
    create: Callable[[Any, Any], Any],
    action_doc: str = "",
) -> Router:
    """The router of `kind` under /cases: GET list (`filters`: the query parameters the list takes, name ->
    (annotation, default), each a field of the kind's filter class; keyset `after`, `size`), GET one, POST register
    (201), POST /cases/{id}/actions/{action} (the action's form and service, version from body or If-Match).

    `module` is the app's api module (`__name__`), the prefix of the operation ids; `create(request, payload)`
    turns the payload into the record through the app's create service."""
    router = Router(tags=tags)
    op = module.replace(".", "_")

    def list_cases(request, after: str | None = None, size: PageSize = 50, **filters):
        page = kind.page(request.user, kind.filters(**filters), cursor=after, size=size)
        return {"items": page.rows, "next_cursor": page.next_cursor}

    _with_filters(list_cases, filters)

    def get_case(request, case_id: DbId):
        return kind.get(request.user, case_id)

    def register(request, payload: register_in):
        return Status(201, create(request, payload))

    def act(request, case_id: DbId, action: str, payload: Body[dict]):
        case = kind.get(request.user, case_id)
        apply_action(
            case=case,
            actor=request.user,
            actions=kind.actions,
            action=action,
            data=api_action_data(request, payload),
        )
        case.refresh_from_db()
        return case

    act.__doc__ = action_doc or "Runs a workflow action with the same fields as the page's form."
    router.get("/cases", response=page_out, operation_id=f"{op}_list_cases")(list_cases)
    router.get("/cases/{case_id}", response=case_out, operation_id=f"{op}_get_case")(get_case)
    router.post("/cases", response={201: case_out}, operation_id=f"{op}_register")(register)
    router.post("/cases/{case_id}/actions/{action}", response=case_out, operation_id=f"{op}_act")(act)
    return router


def register_routes(
    router: Router,
    *,
    module: str,
    path: str,
    out: type[Schema],
    page_out: type[Schema],
    create_in: type[Schema],
    filters: dict[str, tuple[Any, Any]],
    listed: Callable[..., Any],
    visible: Callable[[Any], Any],
    form: type,
    create: Callable[..., Any],
    actions: dict[str, tuple[type, Callable[..., Any]]],
    record_arg: str,
) -> None:
    """The routes of a register that is not a case (a list of things the office keeps, such as 普法's 法治文化阵地)
    on `router` under /`path`: GET list (`filters` as in case_router, read by `listed(user, **filters)`, the
    records the user may see; keyset `after` by id, `size`), GET one (404 outside `visible(user)`), POST create
    (201: the page's `form`, with the user, then its `create` service) and POST /{id}/actions/{action} (the
    action's form and service, which takes the record as `record_arg`; version from body or If-Match)."""
    op = module.replace(".", "_")
    noun = path.rstrip("s")

    def list_records(request, after: DbId | None = None, size: PageSize = 50, **filters):
        return id_page(listed(request.user, **filters), after, size)

    _with_filters(list_records, filters)

    def get_record(request, record_id: DbId):
        return get_object_or_404(visible(request.user), pk=record_id)

    def create_record(request, payload: create_in):
        data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in payload.dict().items()}
        data["unit"] = data.pop("unit_id")
        bound = form(data, user=request.user)
        if not bound.is_valid():
            raise ValidationError(form_errors_text(bound))
        return Status(201, create(actor=request.user, **bound.cleaned_data))

    wrapped = {
        name: (action_form, functools.partial(_on_record, service, record_arg))
        for name, (action_form, service) in actions.items()
    }

    def act(request, record_id: DbId, action: str, payload: Body[dict]):
        record = get_object_or_404(visible(request.user), pk=record_id)
        apply_action(
            case=record,
            actor=request.user,
            actions=wrapped,
            action=action,
            data=api_action_data(request, payload),
        )
        record.refresh_from_db()
        return record

    act.__doc__ = f"Runs an action ({'、'.join(actions)}) with the same fields as the page's form."
    router.get(f"/{path}", response=page_out, operation_id=f"{op}_list_{path}")(list_records)
    router.get(f"/{path}/{{record_id}}", response=out, operation_id=f"{op}_get_{noun}")(get_record)
    router.post(f"/{path}", response={201: out}, operation_id=f"{op}_create_{noun}")(create_record)
    router.post(f"/{path}/{{record_id}}/actions/{{action}}", response=out, operation_id=f"{op}_act_{noun}")(
        act
    )


def _on_record(service: Callable[..., Any], record_arg: str, *, case: Any, **kwargs: Any) -> Any:
    """apply_action hands the record over as `case`; a register's service names it itself (site=, person=)."""
    return service(**{record_arg: case}, **kwargs)
