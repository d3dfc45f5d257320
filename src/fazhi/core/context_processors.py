"""The left menu, by domain (RuoYi-style), with the entries the user's roles allow."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from .permissions import can_any

MENU = [
    ("工作台", "bi-house", [("首页", "home")]),
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
# Menu groups shown only to holders of a capability (the pages check the same).
GROUP_CAPABILITIES = {"系统管理": "system.admin"}


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    menu = []
    current = request.path
    for title, icon, entries in MENU:
        if title in GROUP_CAPABILITIES and not can_any(request.user, GROUP_CAPABILITIES[title]):
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
