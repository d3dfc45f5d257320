from fazhi.core.contract import DomainAppConfig


class ReconsiderationConfig(DomainAppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"
    area = "reconsideration"

    # indicators
    list_url = "reconsideration:list"
    compared_indicators = ("reconsideration.received", "reconsideration.correction_rate")
