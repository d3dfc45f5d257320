from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"
    #: 统计填报's late tasks take part in the due-date protocol (core/due.py), as a domain app's sources do
    due_sources = ("fazhi.indicators.collection:due_source",)
    #: the list page of the records behind a 统计填报 figure (its accepted submitted values)
    list_url = "indicators:collection_values"
