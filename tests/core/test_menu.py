"""The left menu: groups, icons, entries and role filtering, as users see them (built from the app contract)."""

from __future__ import annotations

import re

from django.test import RequestFactory

from fazhi.core.context_processors import navigation

EXPECTED = [
    ("工作台", "bi-house", ["首页", "待办期限", "消息通知"]),
    ("工作要点", "bi-list-check", ["工作要点", "任务分工", "导入工作要点"]),
    ("行政复议", "bi-journal", ["复议案件", "登记申请"]),
    ("行政应诉", "bi-bank", ["应诉案件", "登记案件"]),
    (
        "合法性审核与备案",
        "bi-file-earmark-check",
        [
            "合法性审核",
            "送审登记",
            "法律顾问、公职律师",
            "意见建议台账",
            "规范性文件",
            "登记文件",
            "文件清理",
            "重大行政决策",
            "列入目录",
            "决策事项目录",
            "公众意见台账",
        ],
    ),
    (
        "行政执法",
        "bi-shield-check",
        ["执法案件台账", "立案登记", "执法人员", "案卷评查", "权责清单", "执法监督预警", "评查整改"],
    ),
    (
        "矛盾纠纷化解",
        "bi-people",
        ["矛盾纠纷", "登记纠纷", "矛盾纠纷排查", "调解组织", "人民调解员", "调解员培训"],
    ),
    ("信访", "bi-envelope-paper", ["信访事项", "登记信访", "领导接访"]),
    ("12345热线", "bi-telephone", ["热线工单", "受理工单", "承办单位评价"]),
    (
        "监督与建议提案",
        "bi-eye",
        ["问题台账", "法治督察", "约谈", "考评", "考评材料", "述法", "建议提案", "交办建议提案"],
    ),
    ("政务公开", "bi-megaphone", ["依申请公开", "登记申请", "年度报告表格"]),
    ("学法用法", "bi-book", ["学法活动", "登记学法活动", "学法清单"]),
    (
        "普法宣传",
        "bi-broadcast",
        ["普法活动", "登记普法活动", "普法责任清单", "法治文化阵地", "民主法治示范村（社区）", "法律明白人"],
    ),
    ("统计填报", "bi-clipboard-data", ["填报任务", "填报表管理", "逾期未报"]),
    ("指标与报告", "bi-graph-up", ["指标看板", "指标目标", "年度数据发布", "年度报告", "报告审阅"]),
    ("法律规则", "bi-calendar", ["期限规则", "节假日安排"]),
    (
        "系统管理",
        "bi-gear",
        ["用户管理", "角色管理", "组织机构", "字典管理", "参数设置", "操作日志", "登录日志"],
    ),
]


def _menu(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return navigation(request)["nav_menu"]


def test_the_menu_of_an_administrator_has_every_group_in_order(sysadmin):
    menu = _menu(sysadmin)
    assert [(g["title"], g["icon"], [i["label"] for i in g["items"]]) for g in menu] == EXPECTED
    urls = [i["url"] for g in menu for i in g["items"]]
    assert urls[:10] == [
        "/",
        "/due/",
        "/notices/",
        "/plans/plans/",
        "/plans/",
        "/plans/plans/import/",
        "/reconsideration/",
        "/reconsideration/new/",
        "/litigation/",
        "/litigation/new/",
    ]


def test_the_system_group_is_shown_only_to_administrators(office):
    assert [g["title"] for g in _menu(office)] == [t for t, _, _ in EXPECTED if t != "系统管理"]


def test_the_current_page_is_marked_active(office):
    menu = _menu(office, "/litigation/")
    assert [i["label"] for g in menu for i in g["items"] if i["active"]] == ["应诉案件"]


def test_anonymous_visitors_get_no_menu():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert navigation(request) == {}


def _labels(user) -> set[str]:
    return {i["label"] for g in _menu(user) for i in g["items"]}


def _urls(user) -> set[str]:
    return {i["url"] for g in _menu(user) for i in g["items"]}


def test_entries_that_write_are_offered_only_to_who_may_write(leader, clerk_a, office):
    """领导 reads: no entry of any app's 新增 page (…/new/), nor 统计填报 management; a 部门填报员 registers suits against
    their unit but not 复议 applications, whose 复议机关 list would be empty for them (a dead end)."""
    manage = {"/indicators/forms/", "/indicators/tasks/late/"}
    assert {"/reconsideration/new/", "/litigation/new/"} | manage <= _urls(office)
    assert not [u for u in _urls(leader) if u.endswith("/new/")] and not manage & _urls(leader)
    assert {"/reconsideration/", "/litigation/", "/litigation/new/"} <= _urls(clerk_a)
    assert not ({"/reconsideration/new/"} | manage) & _urls(clerk_a)


def test_list_buttons_follow_the_capabilities(client, leader, clerk_a, office):
    def buttons(user, url):
        client.force_login(user)
        html = client.get(url).content.decode()
        return set(re.findall(r'<a class="btn[^"]*" href="[^"]*">(新增申请|新增案件|导入|导出)</a>', html))

    assert buttons(office, "/reconsideration/") == {"新增申请", "导入", "导出"}
    assert buttons(leader, "/reconsideration/") == {"导出"}
    assert buttons(clerk_a, "/reconsideration/") == {"导出"}
    assert buttons(clerk_a, "/litigation/") == {"新增案件", "导入", "导出"}
