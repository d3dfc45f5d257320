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
from fazhi.reconsideration.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.django_db


def ids(*orgs) -> frozenset[int]:
    return frozenset(o.pk for o in orgs)


# -- scopes -----------------------------------------------------------------------------------------------------
def test_scopes_of_the_personas(tree, personas):
    everything = ids(tree.city, tree.unit_a, tree.unit_b, tree.county, tree.county_unit)
    office = scope_for(personas.office)
    assert (office.read_ids, office.write_ids, office.roles) == (
        everything,
        everything,
        frozenset({Role.OFFICE}),
    )
    assert scope_for(personas.reviewer).write_ids == everything
    leader = scope_for(personas.leader)
    assert (leader.read_ids, leader.write_ids) == (everything, frozenset())
    clerk = scope_for(personas.clerk_a)
    assert (clerk.read_ids, clerk.write_ids) == (ids(tree.unit_a), ids(tree.unit_a))
    county = scope_for(personas.county_office)
    assert (county.read_ids, county.write_ids) == (
        ids(tree.county, tree.county_unit),
        ids(tree.county, tree.county_unit),
    )


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
    city_case = factories.register_case(
        office, org=tree.city, respondent=tree.unit_a, received_on=date(2025, 3, 3)
    )
    county_case = factories.register_case(
        office, org=tree.county, respondent=tree.county_unit, received_on=date(2025, 3, 3)
    )
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


# The ladder on every casework page and API endpoint (reading, writing, through pages and the API, for every
# persona) is declared once per app in tests/<app>/ladder.py and run by tests/test_ladder.py.
