"""The generic JSON API of a record type (CaseKind): list, detail, create and action endpoints.

`case_router(kind, ...)` returns a django-ninja Router; the app's `api.py` declares only its schemas (named after
the app, so every OpenAPI component name is unique), the filters the list takes, and how a registration payload
becomes the service's arguments. Each endpoint keeps the operation id it had when the app wrote it itself
(`<app module>_<function>`), so the OpenAPI document does not change."""

# No `from __future__ import annotations` here: ninja reads the endpoints' annotations, which name the app's
# schemas passed in as arguments (closure variables a string annotation could not resolve).

import inspect
from collections.abc import Callable
from typing import Any

from ninja import Body, Router, Schema, Status

from fazhi.core.params import DbId, PageSize
from fazhi.core.web import api_action_data, apply_action

from .kind import CaseKind


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

    # The query parameters: the declared filters, then the page's position and size (ninja reads the signature).
    plain = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter("request", plain)]
    params += [
        inspect.Parameter(name, plain, annotation=hint, default=default)
        for name, (hint, default) in filters.items()
    ]
    params += list(inspect.signature(list_cases).parameters.values())[1:3]
    list_cases.__signature__ = inspect.Signature(params)

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
