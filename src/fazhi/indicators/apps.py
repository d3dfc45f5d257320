from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"
    #: the list page of the records behind a 统计填报 figure (its accepted submitted values)
    list_url = "indicators:collection_values"
