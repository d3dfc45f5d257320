"""The one permission helper (core.permissions) and the ladder it gives every casework page and API endpoint:
office works, the own unit's clerk works on the own unit, another unit's clerk gets 404, the leader reads but
may not write, the anonymous visitor is sent to the login page (pages) or gets 401 (API)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from fazhi.core.choices import Role
from fazhi.core.models import Membership
from fazhi.core.permissions import (
    can_read,
    can_write,
    default_org,
    has_role,
    org_filter,
    require_read,
    require_write,
    scope_for,
    visible_orgs,
)
from fazhi.litigation.models import LitigationCase
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.django_db


def ids(*orgs) -> frozenset[int]:
    return frozenset(o.pk for o in orgs)


# -- scopes -----------------------------------------------------------------------------------------------------
def test_scopes_of_the_personas(tree, personas):
    everything = ids(tree.city, tree.unit_a, tree.unit_b, tree.county, tree.county_unit)
    office = scope_for(personas.office)
    assert (office.read_ids, office.write_ids, office.roles) == (everything, everything, frozenset({Role.OFFICE}))
    assert scope_for(personas.reviewer).write_ids == everything
    leader = scope_for(personas.leader)
    assert (leader.read_ids, leader.write_ids) == (everything, frozenset())
    clerk = scope_for(personas.clerk_a)
    assert (clerk.read_ids, clerk.write_ids) == (ids(tree.unit_a), ids(tree.unit_a))
    county = scope_for(personas.county_office)
    assert (county.read_ids, county.write_ids) == (ids(tree.county, tree.county_unit), ids(tree.county, tree.county_unit))


def test_anonymous_inactive_and_unassigned_users_see_nothing(tree, personas):
    assert scope_for(AnonymousUser()).empty
    assert scope_for(None).empty
    personas.office.is_active = False
    personas.office.__dict__.pop("_fazhi_scope", None)
    assert scope_for(personas.office).empty
    assert scope_for(factories.make_user("nobody")).empty
    assert list(visible_orgs(AnonymousUser())) == []


def test_a_superuser_sees_everything(tree):
    root = factories.make_user("root", is_superuser=True, is_staff=True)
    assert can_write(root, tree.county_unit)
    assert org_filter(root, "org") == Q()
    assert set(visible_orgs(root)) == {tree.city, tree.unit_a, tree.unit_b, tree.county, tree.county_unit}
    assert default_org(root) == tree.city
    assert has_role(root, Role.ADMIN)


def test_memberships_add_up(tree, clerk_a):
    # A clerk of unit A who is also a leader of the county reads both, writes only unit A.
    Membership.objects.create(user=clerk_a, org=tree.county, role=Role.LEADER)
    scope = scope_for(clerk_a)
    assert scope.read_ids == ids(tree.unit_a, tree.county, tree.county_unit)
    assert scope.write_ids == ids(tree.unit_a)
    # The highest membership org is the default for dashboards.
    Membership.objects.create(user=clerk_a, org=tree.city, role=Role.LEADER)
    assert default_org(clerk_a) == tree.city


def test_the_scope_is_computed_once_per_user_object(clerk_a, tree, django_assert_num_queries):
    scope_for(clerk_a)
    with django_assert_num_queries(0):
        for _ in range(3):
            scope_for(clerk_a)
            can_read(clerk_a, tree.unit_a)
            org_filter(clerk_a, "org", "respondent")


def test_checks_and_their_messages(tree, personas):
    assert can_read(personas.clerk_a, tree.unit_a) and not can_read(personas.clerk_a, tree.unit_b)
    assert can_read(personas.clerk_a, tree.city, tree.unit_a)  # any of the orgs
    assert not can_read(personas.clerk_a, None)
    assert can_read(personas.leader, tree.county_unit) and not can_write(personas.leader, tree.county_unit)
    require_read(personas.leader, tree.unit_b)
    with pytest.raises(PermissionDenied) as exc:
        require_read(personas.clerk_a, tree.unit_b)
    assert str(exc.value) == "无权查看该单位的记录"
    with pytest.raises(PermissionDenied) as exc:
        require_write(personas.leader, tree.unit_a)
    assert str(exc.value) == "无权修改该单位的记录"
    assert has_role(personas.reviewer, Role.OFFICE, Role.REVIEWER)
    assert not has_role(personas.clerk_a, Role.OFFICE, Role.REVIEWER)


def test_org_filter_keeps_rows_of_any_named_field(tree, office, clerk_a, county_office):
    city_case = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 3, 3))
    county_case = factories.register_case(office, org=tree.county, respondent=tree.county_unit, received_on=date(2025, 3, 3))
    qs = ReconsiderationCase.objects.all()
    assert set(qs.filter(org_filter(clerk_a, "org"))) == set()
    assert set(qs.filter(org_filter(clerk_a, "org", "respondent"))) == {city_case}
    assert set(qs.filter(org_filter(county_office, "org", "respondent"))) == {county_case}
    assert set(qs.filter(org_filter(clerk_a, "org", "respondent", write=True))) == {city_case}
    assert set(qs.filter(org_filter(AnonymousUser(), "org", "respondent"))) == set()


def test_visible_orgs_and_default_org(tree, personas):
    assert set(visible_orgs(personas.clerk_b)) == {tree.unit_b}
    assert set(visible_orgs(personas.county_office)) == {tree.county, tree.county_unit}
    assert default_org(personas.office) == tree.city
    assert default_org(personas.clerk_a) == tree.unit_a
    assert default_org(factories.make_user("nobody")) is None


# -- the ladder on every casework page and API endpoint ----------------------------------------------------------
@pytest.fixture
def records(tree, office):
    """Unit A's 复议 case (accepted Mon 2025-01-27) and unit A's suit."""
    recon = factories.accepted_case(office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 1, 24),
                                    accepted_on=date(2025, 1, 27))
    suit = factories.litigation_case(office, defendant=tree.unit_a, case_number="（2025）青01行初15号",
                                     complaint_received_on=date(2025, 9, 16))
    return {"reconsideration": recon, "litigation": suit}


READS = [
    ("page", "/{app}/"),
    ("page", "/{app}/{pk}/"),
    ("page", "/{app}/new/"),
    ("api", "/api/{app}/cases"),
    ("api", "/api/{app}/cases/{pk}"),
]

# persona -> expected status of reading unit A's record (detail): 200, 404, or the anonymous answer.
DETAIL = {"office": 200, "reviewer": 200, "leader": 200, "clerk_a": 200, "clerk_b": 404, "county_office": 404}


@pytest.mark.parametrize("app", ["reconsideration", "litigation"])
@pytest.mark.parametrize("persona", [*DETAIL, "anonymous"])
def test_reading_on_the_ladder(personas, records, client, app, persona):
    record = records[app]
    if persona != "anonymous":
        user = getattr(personas, persona)
        client.force_login(user)
        headers = {"Authorization": f"Bearer {factories.make_token(user).key}"}
    else:
        headers = {}
    for kind, pattern in READS:
        url = pattern.format(app=app, pk=record.pk)
        response = client.get(url, headers=headers if kind == "api" else {})
        if persona == "anonymous":
            expected = 302 if kind == "page" else 401
        elif "{pk}" in pattern:
            expected = DETAIL[persona]
        else:
            expected = 200  # lists and the create form open for everyone logged in, filtered by scope
        assert response.status_code == expected, (persona, url)
        if persona == "anonymous" and kind == "page":
            assert response["Location"].startswith("/login/")


ACTIONS = {
    # app -> (action name, form data, field that changes)
    "reconsideration": ("serve_copy", {"received_on": "2025-02-05"}, "copy_received_on"),
    "litigation": ("answer", {"answered_on": "2025-09-30"}, "answered_on"),
}
# persona -> (page outcome, API status): "done" = the record changed; "refused" = a message, nothing changed.
WRITES = {
    "office": ("done", 200),
    "reviewer": ("done", 200),
    "leader": ("refused", 403),
    "clerk_b": (404, 404),
    "county_office": (404, 404),
}


@pytest.mark.parametrize("app", ["reconsideration", "litigation"])
@pytest.mark.parametrize("persona", [*WRITES, "anonymous"])
@pytest.mark.parametrize("via", ["page", "api"])
def test_writing_on_the_ladder(personas, records, client, app, persona, via):
    record = records[app]
    name, data, field = ACTIONS[app]
    model = ReconsiderationCase if app == "reconsideration" else LitigationCase
    headers = {}
    if persona != "anonymous":
        user = getattr(personas, persona)
        if via == "page":
            client.force_login(user)
        else:
            headers = {"Authorization": f"Bearer {factories.make_token(user).key}"}
    if via == "page":
        response = client.post(f"/{app}/{record.pk}/action/{name}/", data)
    else:
        response = client.post(f"/api/{app}/cases/{record.pk}/actions/{name}", data, content_type="application/json",
                               headers=headers)
    changed = getattr(model.objects.get(pk=record.pk), field) is not None
    if persona == "anonymous":
        assert response.status_code == (302 if via == "page" else 401)
        assert not changed
        return
    page_outcome, api_status = WRITES[persona]
    if via == "api":
        assert response.status_code == api_status, response.content
        assert changed is (api_status == 200)
    elif isinstance(page_outcome, int):
        assert response.status_code == page_outcome
        assert not changed
    else:
        assert response.status_code == 302 and response["Location"] == f"/{app}/{record.pk}/"
        assert changed is (page_outcome == "done")


def test_the_units_clerk_writes_what_the_unit_may_write(personas, records, login):
    # 行政应诉: the defendant's clerk records the answer. 行政复议: the respondent's clerk may not serve the copy
    # (the 复议机构's act), only record the reply.
    c = login(personas.clerk_a)
    c.post(f"/litigation/{records['litigation'].pk}/action/answer/", {"answered_on": "2025-09-30"})
    assert LitigationCase.objects.get(pk=records["litigation"].pk).answered_on == date(2025, 9, 30)
    c.post(f"/reconsideration/{records['reconsideration'].pk}/action/serve_copy/", {"received_on": "2025-02-05"})
    assert ReconsiderationCase.objects.get(pk=records["reconsideration"].pk).copy_received_on is None
