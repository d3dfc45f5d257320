from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
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

    #: capabilities (core.capabilities) of the figures; their targets and publication are managed with
    #: `collection.manage` and `collection.publish_unit` (indicators/access.py), declared with 统计填报's
    capabilities = {
        "indicators.view": "查看指标",
    }

    def ready(self) -> None:
        from . import summary

        summary.connect()  # keep the per-org monthly summary of the declared counts on every write
        post_migrate.connect(summary.after_migrate, sender=self)  # and build what a migration left missing
