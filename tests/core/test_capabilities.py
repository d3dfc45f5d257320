"""Permissions by capability, roles as data (RuoYi's 角色管理): the built-in roles reproduce the role matrix the
code had before roles became data; a role created or edited as data grants exactly its capabilities over
exactly its 数据范围; `require` refuses in Chinese; role changes are audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from fazhi.core.capabilities import BUILTIN_ROLES, DataScope, all_capabilities, matches, resolve
from fazhi.core.choices import Role as RoleCode
from fazhi.core.contract import domain_apps
from fazhi.core.models import Membership, Org, Role
from fazhi.core.permissions import can, can_any, org_filter, orgs_with, require, scope_for
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.selectors import visible_cases
from tests import factories

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 3)


def fresh(user):
    """The same user without the per-object scope cache (a new request)."""
    user.__dict__.pop("_fazhi_scope", None)
    return user


# The role matrix before roles became data, written out from the old code:
#   core.choices: WRITE_ROLES = admin, office, reviewer, clerk; SUBTREE_ROLES = admin, office, reviewer, leader
#   reconsideration.services: CASEWORK_ROLES = admin, office, reviewer (+ write scope on the 复议机关)
#   record_reply / importers / litigation: any write role in the org (or the respondent/defendant)
#   indicators.collection: MANAGE_ROLES = admin, office (subtree); filling = write scope
#   indicators.locks: a unit's year = manage, or write on the unit
#   reports.builder.can_edit: jurisdiction -> admin, office; unit -> admin, office, clerk (+ write scope)
#   reports.views._can_submit: admin, office, reviewer, clerk; core.views logs and the 系统管理 menu: admin
OLD_MATRIX = {
    #                          admin  office reviewer leader clerk
    "reconsideration.view":    (1, 1, 1, 1, 1),
    "reconsideration.handle":  (1, 1, 1, 0, 0),
    "reconsideration.reply":   (1, 1, 1, 0, 1),
    "reconsideration.import":  (1, 1, 1, 0, 0),
    "litigation.view":         (1, 1, 1, 1, 1),
    "litigation.handle":       (1, 1, 1, 0, 1),
    "litigation.import":       (1, 1, 1, 0, 1),
    "indicators.view":         (1, 1, 1, 1, 1),
    "collection.fill":         (1, 1, 1, 0, 1),
    "collection.manage":       (1, 1, 0, 0, 0),
    "collection.publish_unit": (1, 1, 1, 0, 1),
    "reports.view":            (1, 1, 1, 1, 1),
    "reports.edit":            (1, 1, 0, 0, 0),
    "reports.edit_unit":       (1, 1, 0, 0, 1),
    "reports.review":          (1, 1, 1, 0, 1),
    "system.admin":            (1, 0, 0, 0, 0),
}  # fmt: skip
ROLES = ("admin", "office", "reviewer", "leader", "clerk")
# 数据范围: every role but the clerk reaches the subtree of its membership org; the clerk the own unit.
OLD_SCOPE = {
    "admin": "subtree",
    "office": "subtree",
    "reviewer": "subtree",
    "leader": "subtree",
    "clerk": "unit",
}


def test_the_domain_apps_are_found_through_their_declaration():
    # apps.py imports DomainAppConfig too; Django must still pick the app's own config, not a plain AppConfig.
    assert [cfg.label for cfg in domain_apps()] == [
        "reconsideration", "litigation", "legality", "normative", "decisions", "enforcement", "mediation",
        "petitions", "hotline", "plans", "supervision", "education", "publicity", "proposals", "disclosure",
        "collection",
    ]  # fmt: skip
    assert "reconsideration.handle" in domain_apps()[0].capabilities


def test_every_capability_of_the_matrix_is_declared_and_nothing_else():
    # the matrix covers the core, 统计填报, reports and the two first casework apps; later apps are checked by
    # their own tests and the permission ladder
    matrix_apps = {code.split(".", 1)[0] for code in OLD_MATRIX}
    assert {c for c in all_capabilities() if c.split(".", 1)[0] in matrix_apps} == set(OLD_MATRIX)
    assert all(all_capabilities().values())  # each with a Chinese label


@pytest.mark.parametrize("capability", sorted(OLD_MATRIX))
def test_built_in_roles_grant_the_old_matrix(capability):
    roles = {r.code: r for r in Role.objects.all()}
    granted = tuple(int(roles[code].grants(capability)) for code in ROLES)
    assert granted == OLD_MATRIX[capability], capability


def test_built_in_roles_exist_with_the_old_scopes_and_codes():
    assert {r.code: r.scope for r in Role.objects.filter(builtin=True)} == OLD_SCOPE
    assert set(OLD_SCOPE) == set(RoleCode.values) == {spec.code for spec in BUILTIN_ROLES}


@pytest.mark.parametrize("persona", ["office", "reviewer", "leader", "clerk_a", "sysadmin"])
def test_the_personas_hold_the_matrix_in_their_scope_only(tree, personas, persona):
    user = getattr(personas, persona)
    role = user.memberships.get().role_id
    home = user.memberships.get().org
    inside = tree.unit_a
    for capability, row in OLD_MATRIX.items():
        expected = bool(row[ROLES.index(role)])
        assert can(user, inside, capability) is expected, (persona, capability)
        # never outside the scope: the county is not under unit A, and a clerk's own unit has no children
        assert can(user, tree.county, capability) is (expected and home == tree.city), (persona, capability)
        assert can_any(user, capability) is expected


def test_matching_patterns():
    assert matches(["*"], "a.b") and matches(["*.view"], "a.view") and not matches(["*.view"], "a.handle")
    assert not matches(["*", "!a.*"], "a.b") and matches(["*", "!a.*", "a.b"], "a.b")
    assert resolve(["reconsideration.*", "!reconsideration.import"]) == [
        "reconsideration.view",
        "reconsideration.handle",
        "reconsideration.reply",
    ]


def test_anonymous_and_inactive_users_can_nothing(tree, personas):
    assert not can(AnonymousUser(), tree.city, "reconsideration.view")
    assert not can_any(None, "system.admin")
    personas.office.is_active = False
    assert not can(fresh(personas.office), tree.city, "reconsideration.view")
    superuser = factories.make_user("root", is_superuser=True)
    assert can(superuser, tree.county_unit, "system.admin") and can_any(superuser, "anything.at_all")


# -- roles as data ------------------------------------------------------------------------------------------------
def custom_role(**kw) -> Role:
    defaults = {"code": "registrar", "name": "复议登记员", "scope": DataScope.UNIT,
                "capabilities": ["reconsideration.view", "reconsideration.handle"]}  # fmt: skip
    return Role.objects.create(**{**defaults, **kw})


def test_a_custom_role_grants_exactly_its_capabilities_and_scope(tree):
    custom_role()
    user = factories.make_user("registrar", org=tree.city, role="registrar")
    assert can(user, tree.city, "reconsideration.handle")
    assert not can(user, tree.city, "litigation.handle")
    assert not can(user, tree.unit_a, "reconsideration.view")  # 本单位: not the units below
    assert set(orgs_with(user, "reconsideration.view")) == {tree.city}
    assert scope_for(user).write_ids == {tree.city.pk}


@pytest.mark.parametrize(
    ("scope", "reached"),
    [
        (
            DataScope.ALL,
            {"unit_a", "unit_b", "city", "county", "county_unit"},
        ),  # the unit's whole jurisdiction
        (DataScope.SUBTREE, {"unit_a"}),
        (DataScope.UNIT, {"unit_a"}),
        (DataScope.SELF, set()),  # own records only, no org as a whole
    ],
)
def test_data_scopes(tree, scope, reached):
    custom_role(scope=scope)
    user = factories.make_user("registrar", org=tree.unit_a, role="registrar")
    names = {"unit_a", "unit_b", "city", "county", "county_unit"}
    assert {n for n in names if can(user, getattr(tree, n), "reconsideration.view")} == reached


def test_own_records_scope_reaches_the_records_the_user_created(tree, office):
    custom_role(scope=DataScope.SELF)
    user = factories.make_user("registrar", org=tree.city, role="registrar")
    mine = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=DAY)
    ReconsiderationCase.objects.filter(pk=mine.pk).update(created_by=user)
    mine.refresh_from_db()
    theirs = factories.register_case(office, org=tree.city, respondent=tree.unit_b, received_on=DAY)
    assert can(user, tree.city, "reconsideration.handle", record=mine)
    assert not can(user, tree.city, "reconsideration.handle", record=theirs)
    assert not can(user, tree.city, "reconsideration.handle")
    qs = ReconsiderationCase.objects.all()
    assert set(qs.filter(org_filter(user, "org", capability="reconsideration.view", owner="created_by"))) == {
        mine
    }
    assert set(qs.filter(org_filter(user, "org", capability="reconsideration.view"))) == set()


def test_changing_a_roles_capabilities_changes_access(tree, personas):
    leader = personas.leader
    with pytest.raises(PermissionDenied):
        factories.register_case(leader, org=tree.city, respondent=tree.unit_a, received_on=DAY)
    role = Role.objects.get(code="leader")
    role.capabilities = [*role.capabilities, "reconsideration.handle"]
    role.save()
    assert (
        factories.register_case(fresh(leader), org=tree.city, respondent=tree.unit_a, received_on=DAY).org
        == tree.city
    )
    role.is_active = False
    role.save()
    assert not can(fresh(leader), tree.city, "reconsideration.view")  # a disabled role grants nothing


def test_an_organisation_can_narrow_a_built_in_role(tree, personas):
    # The city decides its clerks may no longer import: one edit of the data, no code.
    clerk = Role.objects.get(code="clerk")
    assert can(personas.clerk_a, tree.unit_a, "litigation.import")
    clerk.capabilities = [*clerk.capabilities, "!*.import"]
    clerk.save()
    assert not can(fresh(personas.clerk_a), tree.unit_a, "litigation.import")
    assert can(personas.clerk_a, tree.unit_a, "litigation.handle")


# -- require ------------------------------------------------------------------------------------------------------
def test_require_refuses_in_chinese(tree, personas):
    require(personas.office, tree.unit_a, "reconsideration.handle")
    with pytest.raises(PermissionDenied) as exc:
        require(personas.leader, tree.city, "reconsideration.handle")
    assert str(exc.value) == f"无权办理行政复议案件（{tree.city.name}）"
    with pytest.raises(PermissionDenied) as exc:
        require(personas.clerk_a, tree.unit_b, "collection.fill", message="无权填报该单位的统计数据")
    assert str(exc.value) == "无权填报该单位的统计数据"


# -- the admin (角色管理) and the audit ------------------------------------------------------------------------
def test_role_admin_edits_capabilities_and_the_change_is_audited(tree, personas, client):
    root = factories.make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    role = Role.objects.get(code="leader")
    page = client.get(f"/admin/core/role/{role.pk}/change/")
    assert page.status_code == 200 and "办理行政复议案件" in page.content.decode()
    # Unchanged ticks keep the built-in role's patterns.
    resolved = resolve(role.capabilities)
    form = {"name": "领导", "scope": "subtree", "sort": 40, "is_active": "on", "capabilities": resolved}
    assert client.post(f"/admin/core/role/{role.pk}/change/", form).status_code == 302
    role.refresh_from_db()
    assert role.capabilities == ["*.view"]
    # Ticking one more stores the exact codes, and the history names the administrator.
    form["capabilities"] = [*resolved, "reconsideration.reply"]
    assert client.post(f"/admin/core/role/{role.pk}/change/", form).status_code == 302
    role.refresh_from_db()
    assert set(role.capabilities) == {*resolved, "reconsideration.reply"}
    assert role.history.first().history_user == root
    assert can(fresh(personas.leader), tree.unit_a, "reconsideration.reply")
    # A built-in role in use cannot be deleted.
    assert client.post(f"/admin/core/role/{role.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Role.objects.filter(pk=role.pk).exists()


def test_memberships_are_created_by_role_code_and_the_code_reads_back(tree):
    user = factories.make_user("x", org=tree.unit_a, role=RoleCode.CLERK)
    m = Membership.objects.get(user=user)
    assert (
        m.role_id == "clerk" and m.role.name == "部门填报员" and str(m) == f"x · {tree.unit_a} · 部门填报员"
    )
    assert set(Membership.objects.filter(role="clerk").values_list("role", flat=True)) == {"clerk"}
    assert Org.objects.filter(memberships__role__code="clerk").get() == tree.unit_a


def test_the_app_lists_need_its_view_capability(tree, office):
    case = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=DAY)
    custom_role(code="suits_only", capabilities=["litigation.view"], scope=DataScope.SUBTREE)
    user = factories.make_user("suits", org=tree.city, role="suits_only")
    assert list(visible_cases(user)) == []
    role = Role.objects.get(code="suits_only")
    role.capabilities = ["litigation.view", "reconsideration.view"]
    role.save()
    assert list(visible_cases(fresh(user))) == [case]


def test_own_records_scope_reaches_the_lists_and_pages_of_both_apps(tree, office, client):
    """本人 (DataScope.SELF) in the selectors: the list and the detail page show the records the user created."""
    custom_role(scope=DataScope.SELF, capabilities=["reconsideration.view", "litigation.view"])
    user = factories.make_user("registrar", org=tree.city, role="registrar")
    mine = factories.register_case(office, org=tree.city, respondent=tree.unit_a, received_on=DAY)
    theirs = factories.register_case(office, org=tree.city, respondent=tree.unit_b, received_on=DAY)
    ReconsiderationCase.objects.filter(pk=mine.pk).update(created_by=user)
    client.force_login(user)
    assert client.get(f"/reconsideration/{mine.pk}/").status_code == 200
    assert client.get(f"/reconsideration/{theirs.pk}/").status_code == 404
    assert "共 1 条" in client.get("/reconsideration/").content.decode()
