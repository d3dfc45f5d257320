from fazhi.core.contract import DomainAppConfig


class LitigationConfig(DomainAppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    area = "litigation"

    # -- permissions --
    # Any role that may write in the case's org or the defendant's unit handles the case (its clerk answers).
    capabilities = {
        "litigation.view": "查看行政应诉案件",
        "litigation.handle": "办理行政应诉案件",
        "litigation.import": "导入行政应诉案件",
    }
