from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"
    # left menu groups (title, icon, position, entries), merged into the indicators app's group of that title
    menu_groups = [("指标与报告", "bi-graph-up", 30, [("年度报告", "annual_reports:list"), ("报告审阅", "reports:review_list")])]
