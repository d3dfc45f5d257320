from fazhi.core import contract


class LitigationConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    area = "litigation"
    due_sources = ("fazhi.litigation.selectors:due_source",)

    # indicators
    list_url = "litigation:list"
    compared_indicators = ("litigation.head_appearance_rate",)
