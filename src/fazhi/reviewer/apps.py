from django.apps import AppConfig


class ReviewerConfig(AppConfig):
    name = "fazhi.reviewer"
    label = "reviewer"
    verbose_name = "报告审阅"
    # left menu groups (title, icon, position, entries), merged into the group of that title after 年度报告
    menu_groups = [("指标与报告", "bi-graph-up", 30, [("报告审阅", "reviewer:review_list")])]

    #: capabilities (core.capabilities); the key kept its name from when the reviewer was part of reports, so the
    #: roles stored with it keep working
    capabilities = {"reports.review": "提交报告审阅"}
