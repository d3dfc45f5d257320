from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"

    #: capabilities (core.capabilities) of the figures and of 统计填报
    capabilities = {
        "indicators.view": "查看指标",
        "collection.fill": "填报统计数据",
        "collection.manage": "管理统计填报（填报表、审核、目标、年度数据发布）",
        "collection.publish_unit": "发布本部门年度数据",
    }
