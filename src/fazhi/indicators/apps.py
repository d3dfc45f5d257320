from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
        (
            "统计填报",
            "bi-clipboard-data",
            20,
            [
                ("填报任务", "indicators:collection_tasks"),
                ("填报表管理", "indicators:collection_forms", "collection.manage"),
                ("逾期未报", "indicators:collection_late", "collection.manage"),
            ],
        ),
        (
            "指标与报告",
            "bi-graph-up",
            30,
            [
                ("指标看板", "indicators:dashboard"),
                ("指标目标", "indicators:targets"),
                ("年度数据发布", "indicators:locks"),
            ],
        ),
    ]
    #: 统计填报's late tasks take part in the due-date protocol (core/due.py), as a domain app's sources do
    due_sources = ("fazhi.indicators.collection:due_source",)

    #: capabilities (core.capabilities) of the figures and of 统计填报
    capabilities = {
        "indicators.view": "查看指标",
        "collection.fill": "填报统计数据",
        "collection.manage": "管理统计填报（填报表、审核、目标、年度数据发布）",
        "collection.publish_unit": "发布本部门年度数据",
    }

    #: the list page of the records behind a 统计填报 figure (its accepted submitted values)
    list_url = "indicators:collection_values"
