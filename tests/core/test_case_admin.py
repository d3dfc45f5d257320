"""The domain apps' case records in the Django admin: listed, searchable, filterable and with their history for an
administrator, but read-only (case data changes only through the services): no add, change, delete or revert."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(tree, office):
    recon = factories.accepted_case(
        office,
        org=tree.city,
        respondent=tree.unit_a,
        received_on=date(2025, 1, 24),
        accepted_on=date(2025, 1, 27),
    )
    suit = factories.litigation_case(
        office,
        defendant=tree.unit_a,
        case_number="（2025）澜01行初1号",
        complaint_received_on=date(2025, 2, 3),
    )
    return recon, suit


@pytest.fixture
def root(login, tree):
    return login(factories.make_user("root", org=tree.city, is_superuser=True, is_staff=True))


@pytest.mark.parametrize("model", [ReconsiderationCase, LitigationCase])
def test_case_admin_lists_searches_and_shows_history(root, cases, model):
    case = next(c for c in cases if isinstance(c, model))
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    page = root.get(changelist).content.decode()
    assert str(case) in page
    assert str(case) in root.get(changelist, {"q": str(case)}).content.decode()
    assert root.get(changelist, {"status__exact": case.status}).status_code == 200
    assert (
        root.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[case.pk])).status_code
        == 200
    )
    history = root.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[case.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize("model", [ReconsiderationCase, LitigationCase])
def test_case_admin_is_read_only(root, cases, model):
    case = next(c for c in cases if isinstance(c, model))
    opts = model._meta
    model_admin = admin.site._registry[model]
    request = root.get(reverse("admin:index")).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, case)
    assert not model_admin.has_delete_permission(request, case)
    assert root.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
    before = model.objects.get(pk=case.pk).status
    response = root.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[case.pk]), {"status": "x"}
    )
    assert response.status_code == 403
    assert (
        root.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[case.pk])).status_code
        == 403
    )
    assert model.objects.get(pk=case.pk).status == before
    assert model.objects.filter(pk=case.pk).exists()
