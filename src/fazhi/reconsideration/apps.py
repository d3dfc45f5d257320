from fazhi.core import contract


class ReconsiderationConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"
    area = "reconsideration"
    due_sources = ("fazhi.reconsideration.selectors:due_source",)

    # indicators
    list_url = "reconsideration:list"
    compared_indicators = ("reconsideration.received", "reconsideration.correction_rate")
