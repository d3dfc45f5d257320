from fazhi.core.contract import DomainAppConfig


class ReconsiderationConfig(DomainAppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"
    area = "reconsideration"

    # -- permissions --
    capabilities = {
        "reconsideration.view": "查看行政复议案件",
        "reconsideration.handle": "办理行政复议案件",
        "reconsideration.reply": "登记被申请人答复",
        "reconsideration.import": "导入行政复议案件",
    }
