"""The left menu, by domain (RuoYi-style), with the entries the user's roles allow."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from .choices import Role
from .permissions import has_role

MENU = [
    ("工作台", "bi-house", [("首页", "home"), ("待办期限", "core-due"), ("消息通知", "core-notices")]),
    ("行政复议", "bi-journal", [("复议案件", "reconsideration:list"), ("登记申请", "reconsideration:create")]),
    ("行政应诉", "bi-bank", [("应诉案件", "litigation:list"), ("登记案件", "litigation:create")]),
    ("统计填报", "bi-clipboard-data", [("填报任务", "indicators:collection_tasks"), ("填报表管理", "indicators:collection_forms"), ("逾期未报", "indicators:collection_late")]),
    ("指标与报告", "bi-graph-up", [
        ("指标看板", "indicators:dashboard"), ("指标目标", "indicators:targets"), ("年度数据发布", "indicators:locks"),
        ("年度报告", "annual_reports:list"), ("报告审阅", "reports:review_list"),
    ]),
    ("法律规则", "bi-calendar", [("期限规则", "law:rules"), ("节假日安排", "law:holidays")]),
    ("系统管理", "bi-gear", [("操作日志", "core-operation-log"), ("登录日志", "core-login-log")]),
]
# Menu groups shown only to these roles (the pages check the same).
GROUP_ROLES = {"系统管理": (Role.ADMIN,)}


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    menu = []
    current = request.path
    for title, icon, entries in MENU:
        if title in GROUP_ROLES and not has_role(request.user, *GROUP_ROLES[title]):
            continue
        items = []
        for label, name in entries:
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": current == url})
        if items:
            menu.append({"title": title, "icon": icon, "items": items})
    return {"nav_menu": menu}


def notices(request):
    """The bell in the top bar: the user's unread notices (one COUNT on an indexed, partial index)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from .notices import unread_count

    return {"unread_notices": unread_count(user)}
