from fazhi.core.contract import DomainAppConfig


class ReconsiderationConfig(DomainAppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"
    default = True  # apps.py also imports DomainAppConfig: Django must load this one
    area = "reconsideration"
    # -- numbering and rules --
    number_suffix = "复"
    rules = "fazhi.reconsideration.rules"
