from fazhi.core import contract


class LitigationConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = "行政应诉"
    area = "litigation"

    # pages, API, imports, home and dashboard
    menu = [("应诉案件", "litigation:list"), ("登记案件", "litigation:create", "litigation.handle")]
    url_prefix = "litigation/"
    api_router = "fazhi.litigation.api:router"
    importers = ["fazhi.litigation.importers"]
    home_indicators = [
        "litigation.cases",
        "litigation.head_appearance_rate",
        "litigation.loss_rate",
        "litigation.sued_after_reconsideration_rate",
        "litigation.after_reconsideration_loss_rate",
    ]

    # due-date protocol (core/due.py)
    due_sources = ("fazhi.litigation.selectors:due_source",)

    # -- numbering and rules --
    rules = "fazhi.litigation.rules"

    # -- permissions --
    # Any role that may write in the case's org or the defendant's unit handles the case (its clerk answers).
    capabilities = {
        "litigation.view": "查看行政应诉案件",
        "litigation.handle": "办理行政应诉案件",
        "litigation.import": "导入行政应诉案件",
    }

    # indicators
    list_url = "litigation:list"
    compared_indicators = ("litigation.head_appearance_rate",)

    # attachments (core.attachments): the records that carry files, found through the app's own visibility
    attachable = {"litigationcase": "fazhi.litigation.selectors:visible_cases"}

    # casework kit (core/casework): pages and API built from the record type
    casework_kinds = ("fazhi.litigation.casework:KIND",)

    # demo (core/demoplan.py): the suits, planned with the 复议 cases they follow (one stream, fazhi.demo)
    demo_plan = "fazhi.litigation.demo:load"
