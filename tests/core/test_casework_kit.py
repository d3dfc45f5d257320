"""The casework kit (core/casework): each domain app's record type is declared once (casework.KIND) and its pages,
URLs and API endpoints are built from that declaration, with the ACTIONS table outside views (api.py imports no
views module)."""

from __future__ import annotations

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.urls import reverse

from fazhi.core.casework.kind import CaseKind
from fazhi.core.contract import casework_kinds

pytestmark = pytest.mark.django_db


KINDS: list[CaseKind] = casework_kinds()


def test_the_two_casework_apps_declare_a_kind():
    assert {k.app for k in KINDS} >= {"reconsideration", "litigation"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.app)
def test_every_workflow_action_has_its_form_and_service(kind):
    assert set(kind.actions) == set(kind.transitions), "ACTIONS and rules.WORKFLOW name different actions"
    for name, (form_cls, service) in kind.actions.items():
        assert callable(service), name
        assert hasattr(form_cls, "base_fields"), name


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.app)
def test_urls_keep_their_names_and_paths(kind):
    """Every kind's pages have the same names and shapes under its list path (/<app>/, or /<app>/<records>/ for an
    app's further record types, e.g. 督察 /supervision/inspections/)."""
    base = reverse(f"{kind.app}:list")
    assert base.startswith(f"/{_package(kind)}/")
    assert reverse(f"{kind.app}:create") == f"{base}new/"
    assert reverse(f"{kind.app}:detail", args=[7]) == f"{base}7/"
    assert reverse(f"{kind.app}:action", args=[7, "close"]) == f"{base}7/action/close/"


def _package(kind: CaseKind) -> str:
    """The domain app (package under fazhi) that declares the kind."""
    return type(kind).__module__.split(".")[1]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.app)
def test_api_imports_no_views(kind):
    path = Path(import_module(f"fazhi.{_package(kind)}.api").__file__)
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
            imported.update(f"{node.module or ''}.{a.name}" for a in node.names)
    assert not {m for m in imported if m.split(".")[-1] == "views"}, imported


def test_api_operation_ids_are_unique_and_name_their_app(client):
    spec = client.get("/api/openapi.json").json()
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for kind in KINDS:
        ops = {
            op["operationId"]
            for p, item in spec["paths"].items()
            if p.startswith(f"/api/{_package(kind)}/")
            for op in item.values()
        }
        pkg = _package(kind)
        sub = kind.app.removeprefix(pkg).strip("_")  # an app's further record type: its router's own prefix
        stem = f"fazhi_{pkg}_api_" + (f"{sub}_" if sub else "")
        assert {f"{stem}{name}" for name in ("list_cases", "get_case", "register", "act")} <= ops


def test_every_record_type_builds_on_the_kits_abstract_models():
    """An org-owned record (version, created by/at) and its timeline steps (date, note, actor) are declared once in
    core.records; each app adds only its own fields."""
    from django.contrib.auth.models import AnonymousUser

    from fazhi.core.contract import casework_kinds
    from fazhi.core.records import OrgRecord, TimelineEvent

    kinds = casework_kinds()
    assert kinds
    for kind in kinds:
        model = kind.selectors.visible_cases(AnonymousUser()).model
        assert issubclass(model, OrgRecord), model
        events = model._meta.get_field("events").related_model
        assert issubclass(events, TimelineEvent), events
        assert events._meta.ordering == ["on", "id"]


@pytest.mark.django_db
def test_a_nul_in_a_list_search_is_no_server_error(client, office):
    """PostgreSQL refuses a NUL in a query's text (the fuzz test found 领导接访's list answering 500 to one); every
    kit list drops it from its filters, as the pages' forms refuse it."""
    from tests import factories

    headers = {"Authorization": f"Bearer {factories.make_token(office, name='空字符').key}"}
    spec = client.get("/api/openapi.json").json()
    lists = [
        p
        for p, item in spec["paths"].items()
        if p.endswith("/cases") and any(q["name"] == "q" for q in item.get("get", {}).get("parameters", []))
    ]
    assert len(lists) >= 15
    for path in lists:
        response = client.get(path, {"q": "张\x00三"}, headers=headers)
        assert response.status_code == 200, (path, response.status_code)
