from fazhi.core.contract import DomainAppConfig


class LitigationConfig(DomainAppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    default = True  # apps.py also imports DomainAppConfig: Django must load this one
    area = "litigation"
    # -- numbering and rules --
    rules = "fazhi.litigation.rules"
