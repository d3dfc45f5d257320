from fazhi.core.contract import DomainAppConfig


class LitigationConfig(DomainAppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    area = "litigation"

    # indicators
    list_url = "litigation:list"
    compared_indicators = ("litigation.head_appearance_rate",)
