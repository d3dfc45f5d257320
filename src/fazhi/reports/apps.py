from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"
    # left menu groups (title, icon, position, entries), merged into the indicators app's group of that title
    menu_groups = [("指标与报告", "bi-graph-up", 30, [("年度报告", "annual_reports:list")])]

    #: capabilities (core.capabilities) of the annual reports
    capabilities = {
        "reports.view": "查看年度报告",
        "reports.edit": "编辑本级政府年度报告",
        "reports.edit_unit": "编辑部门年度报告",
    }
