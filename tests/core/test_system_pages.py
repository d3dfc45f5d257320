"""系统管理 in the app (issue 10 §4): 用户, 角色, 组织机构, 字典, 参数设置 for administrators, audited; 403 for others."""

from __future__ import annotations

import pytest

from fazhi.core import jsettings
from fazhi.core.models import DictItem, JurisdictionSetting

PAGES = ["/system/users/", "/system/roles/", "/system/orgs/", "/system/dicts/", "/system/settings/"]


@pytest.mark.parametrize("url", PAGES)
def test_administrators_only(client, sysadmin, office, leader, url):
    client.force_login(sysadmin)
    assert client.get(url).status_code == 200
    for user in (office, leader):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_pages_show_people_roles_and_the_tree(client, tree, sysadmin):
    client.force_login(sysadmin)
    users = client.get("/system/users/").content.decode()
    assert "周建华" in users and "复议/审核人员" in users
    assert "林晓燕" in client.get("/system/users/?q=林").content.decode()
    roles = client.get("/system/roles/").content.decode()
    assert "部门填报员" in roles and "本单位" in roles and "办理行政应诉案件" in roles
    orgs = client.get("/system/orgs/?q=青城县市场").content.decode()
    assert (
        "青城县市场监督管理局" in orgs and "青城县人民政府" in orgs
    )  # the hit in its place under its county
    assert "青城市市场监督管理局" not in orgs


def test_a_dict_entry_is_added_and_stopped_with_history(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post(
        "/system/dicts/?list=enforcement_field",
        {"code": "tax", "label": "税务", "sort": 5, "is_active": "on"},
    )
    assert response.status_code == 302
    item = DictItem.objects.get(category="enforcement_field", code="tax")
    assert item.history.latest().history_user == sysadmin
    again = client.post("/system/dicts/?list=enforcement_field", {"code": "tax", "label": "税务2", "sort": 5})
    assert "已存在" in again.content.decode()
    client.post(f"/system/dicts/{item.pk}/toggle/")
    item.refresh_from_db()
    assert not item.is_active and item.history.count() == 2


def test_a_setting_is_set_per_jurisdiction_with_its_type_checked(client, tree, sysadmin, monkeypatch):
    monkeypatch.setattr(jsettings, "declared", lambda: {"x.days": ("审核办理时限（工作日）", 10)})
    client.force_login(sysadmin)
    page = client.get("/system/settings/").content.decode()
    assert "审核办理时限（工作日）" in page and "未单独设置" in page
    bad = client.post("/system/settings/", {"key": "x.days", "org": tree.county.pk, "value": "十"})
    assert "应填写整数" in bad.content.decode()
    assert (
        client.post("/system/settings/", {"key": "x.days", "org": tree.county.pk, "value": "7"}).status_code
        == 302
    )
    assert jsettings.get_setting(tree.county_unit, "x.days") == 7
    assert JurisdictionSetting.objects.get().history.latest().history_user == sysadmin


def test_a_yes_or_no_setting_reads_是_or_否(client, tree, sysadmin, monkeypatch):
    """The page walk found 参数设置 printing a yes-or-no setting as True."""
    monkeypatch.setattr(jsettings, "declared", lambda: {"x.power": ("本级具有规章制定权", True)})
    client.force_login(sysadmin)
    client.post("/system/settings/", {"key": "x.power", "org": tree.county.pk, "value": "否"}, follow=True)
    assert jsettings.get_setting(tree.county, "x.power") is False
    page = client.get("/system/settings/").content.decode()
    assert "<td>是</td>" in page and f"{tree.county.name}：<strong data-raw>否</strong>" in page
    assert "True" not in page and "False" not in page
