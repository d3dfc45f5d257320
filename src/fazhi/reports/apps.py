from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告"

    #: capabilities (core.capabilities) of the annual reports and the reviewer
    capabilities = {
        "reports.view": "查看年度报告",
        "reports.edit": "编辑本级政府年度报告",
        "reports.edit_unit": "编辑部门年度报告",
        "reports.review": "提交报告审阅",
    }
