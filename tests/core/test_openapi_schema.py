"""The OpenAPI document describes the API that runs: every schema has its own component name (no router's
`CaseOut` standing in for another's), and the real responses of every GET endpoint, and of registering a
case, validate against the response schema the document gives for them (jsonschema, $refs resolved).
The fuzz run (tests/test_api_fuzz.py) adds schemathesis' response_schema_conformance on generated requests."""

from __future__ import annotations

import inspect
from datetime import date
from importlib import import_module

import pytest
from django.test import Client
from jsonschema import Draft202012Validator
from ninja import Schema

pytestmark = pytest.mark.django_db

API_MODULES = [
    "fazhi.reconsideration.api",
    "fazhi.litigation.api",
    "fazhi.indicators.api",
    "fazhi.publicity.api",
    "fazhi.collection.api",
]


@pytest.fixture
def spec(client) -> dict:
    return client.get("/api/openapi.json").json()


def _schemas_defined_in(module_name: str) -> list[type]:
    module = import_module(module_name)
    return [
        cls
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Schema) and cls is not Schema and cls.__module__ == module_name
    ]


def test_every_api_schema_has_a_unique_component_name(spec):
    seen: dict[str, str] = {}
    for module_name in API_MODULES:
        for cls in _schemas_defined_in(module_name):
            name = cls.model_config.get("title") or cls.__name__
            assert name not in seen, (
                f"{module_name}.{cls.__name__} and {seen[name]} are both component {name}"
            )
            seen[name] = f"{module_name}.{cls.__name__}"
    components = spec["components"]["schemas"]
    assert {
        "ReconsiderationCaseOut",
        "LitigationCaseOut",
        "ReconsiderationRegisterIn",
        "LitigationRegisterIn",
    } <= set(components)
    assert not {"CaseOut", "PageOut", "RegisterIn"} & set(components)


def _ref_of(schema: dict) -> str:
    return schema.get("$ref", "")


def test_each_router_is_documented_with_its_own_schemas(spec):
    paths = spec["paths"]
    for app, prefix in (("reconsideration", "Reconsideration"), ("litigation", "Litigation")):
        detail = paths[f"/api/{app}/cases/{{case_id}}"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]
        assert _ref_of(detail["schema"]) == f"#/components/schemas/{prefix}CaseOut"
        listing = paths[f"/api/{app}/cases"]["get"]["responses"]["200"]["content"]["application/json"]
        assert _ref_of(listing["schema"]) == f"#/components/schemas/{prefix}PageOut"
        body = paths[f"/api/{app}/cases"]["post"]["requestBody"]["content"]["application/json"]
        assert _ref_of(body["schema"]) == f"#/components/schemas/{prefix}RegisterIn"


def _validate(spec: dict, path: str, method: str, response) -> None:
    status = str(response.status_code)
    documented = spec["paths"][path][method]["responses"]
    assert status in documented, f"{method.upper()} {path} answered {status}, documented {sorted(documented)}"
    schema = documented[status]["content"]["application/json"]["schema"]
    # OpenAPI 3.1 schemas are JSON Schema 2020-12; "#/components/…" refs resolve against this root.
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    errors = sorted(validator.iter_errors(response.json()), key=lambda e: list(e.path))
    assert not errors, f"{method.upper()} {path}: " + "; ".join(
        f"{list(e.path)}: {e.message}" for e in errors[:5]
    )


def test_real_responses_validate_against_the_documented_schemas(spec, tree, office, indicator_data):
    c = Client()
    c.force_login(office)
    recon = indicator_data["r1"]
    suit = indicator_data["s1"]
    checks = [
        ("/api/reconsideration/cases", "/api/reconsideration/cases", {}),
        ("/api/reconsideration/cases", "/api/reconsideration/cases", {"size": 2}),
        ("/api/reconsideration/cases/{case_id}", f"/api/reconsideration/cases/{recon.pk}", {}),
        (
            "/api/reconsideration/cases/{case_id}/deadlines",
            f"/api/reconsideration/cases/{recon.pk}/deadlines",
            {},
        ),
        ("/api/litigation/cases", "/api/litigation/cases", {}),
        ("/api/litigation/cases/{case_id}", f"/api/litigation/cases/{suit.pk}", {}),
        ("/api/indicators/values", "/api/indicators/values", {"org_id": tree.city.pk, "period": "2025"}),
    ]
    for template, url, params in checks:
        response = c.get(url, params)
        assert response.status_code == 200, (url, response.content[:200])
        _validate(spec, template, "get", response)
    listing = c.get("/api/reconsideration/cases").json()
    assert listing["items"] and "number" in listing["items"][0]  # reconsideration's fields, not litigation's

    # Registering: the 201 body is the router's own CaseOut.
    payload = {
        "org_id": tree.city.pk,
        "respondent_id": tree.unit_a.pk,
        "received_on": "2025-03-03",
        "applicants": [{"name": "张三"}],
        "act_type": "penalty",
        "act_description": "罚款",
    }
    response = c.post("/api/reconsideration/cases", payload, content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    _validate(spec, "/api/reconsideration/cases", "post", response)
    payload = {
        "defendant_id": tree.unit_a.pk,
        "court": "某区人民法院",
        "case_number": "（2025）某0102行初99号",
        "plaintiff": "李四",
        "act_type": "penalty",
        "act_description": "罚款",
        "complaint_received_on": "2025-03-10",
    }
    response = c.post("/api/litigation/cases", payload, content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    _validate(spec, "/api/litigation/cases", "post", response)


def test_the_publicity_registers_answer_as_documented(spec, tree, office):
    """法治文化阵地, 民主法治示范村（社区）, 法律明白人: list, one, create (201) and the row action, each against its own
    documented schema."""
    c = Client()
    c.force_login(office)
    creates = {
        "sites": (
            {
                "unit_id": tree.unit_a.pk,
                "name": "宪法公园",
                "kind": "park",
                "location": "滨江路",
                "built_on": "2024-05-01",
            },
            "close",
            {"closed_on": "2025-07-01"},
        ),
        "villages": (
            {"unit_id": tree.unit_a.pk, "village": "石桥村", "level": "provincial", "named_on": "2025-03-01"},
            "review",
            {"year": 2025, "reviewed_on": "2025-11-01", "result": "passed"},
        ),
        "literates": (
            {
                "unit_id": tree.unit_a.pk,
                "name": "王明理",
                "village": "石桥村",
                "registered_on": "2024-06-01",
                "phone": "13912345678",
            },
            "withdraw",
            {"left_on": "2025-01-01"},
        ),
    }
    for path, (payload, action, data) in creates.items():
        base = f"/api/publicity/{path}"
        response = c.post(base, payload, content_type="application/json")
        assert response.status_code == 201, response.content[:300]
        _validate(spec, base, "post", response)
        pk = response.json()["id"]
        _validate(spec, base, "get", c.get(base))
        _validate(spec, base + "/{record_id}", "get", c.get(f"{base}/{pk}"))
        response = c.post(f"{base}/{pk}/actions/{action}", data, content_type="application/json")
        assert response.status_code == 200, response.content[:300]
        _validate(spec, base + "/{record_id}/actions/{action}", "post", response)
    components = spec["components"]["schemas"]
    assert {"PublicityCultureSiteOut", "PublicityModelVillageOut", "PublicityLegalLiterateOut"} <= set(
        components
    )


def test_the_collection_tasks_answer_as_documented(spec, tree, office):
    """统计填报: the task list, one task with its fields, and an action, each against its documented schema."""
    from fazhi.collection import services as collection
    from fazhi.indicators.registry import Period

    form = collection.create_form(
        actor=office,
        owner=tree.city,
        name="2025年度统计表",
        period=Period.year(2025),
        keys=["reconsideration.head_hearing_rate", "services.online_rate"],
    )
    (task,) = collection.assign_form(form=form, actor=office, orgs=[tree.unit_a], due_on=date(2026, 1, 31))
    c = Client()
    c.force_login(office)
    base = "/api/collection/tasks"
    _validate(spec, base, "get", c.get(base))
    values = {"reconsideration.hearings_held": 10, "services.online_rate": "87.5"}
    response = c.post(f"{base}/{task.pk}/actions/submit", {"values": values}, content_type="application/json")
    assert response.status_code == 200, response.content[:300]
    _validate(spec, base + "/{task_id}/actions/{action}", "post", response)
    response = c.get(f"{base}/{task.pk}")
    _validate(spec, base + "/{task_id}", "get", response)
    fields = {f["key"]: f["value"] for f in response.json()["fields"]}
    assert fields["reconsideration.hearings_held"] == 10 and fields["services.online_rate"] == 87.5
    assert {"CollectionTaskOut", "CollectionTaskDetailOut", "CollectionTaskActionIn"} <= set(
        spec["components"]["schemas"]
    )
