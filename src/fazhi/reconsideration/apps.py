from fazhi.core import contract


class ReconsiderationConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"
    area = "reconsideration"

    # pages, API, imports, home and dashboard
    menu = [
        ("复议案件", "reconsideration:list"),
        ("登记申请", "reconsideration:create", "reconsideration.handle"),
    ]
    url_prefix = "reconsideration/"
    api_router = "fazhi.reconsideration.api:router"
    importers = ["fazhi.reconsideration.importers"]
    home_indicators = [
        "reconsideration.received",
        "reconsideration.concluded",
        "reconsideration.corrected",
        "reconsideration.correction_rate",
        "reconsideration.mediation_rate",
        "reconsideration.settled_rate",
    ]
    dashboard_charts = [
        "fazhi.reconsideration.selectors:monthly_trend",
        "fazhi.reconsideration.selectors:respondent_ranking",
    ]

    # due-date protocol (core/due.py)
    due_sources = ("fazhi.reconsideration.selectors:due_source",)

    # -- numbering and rules --
    number_suffix = "复"
    rules = "fazhi.reconsideration.rules"

    # -- permissions --
    capabilities = {
        "reconsideration.view": "查看行政复议案件",
        "reconsideration.handle": "办理行政复议案件",
        "reconsideration.reply": "登记被申请人答复",
        "reconsideration.import": "导入行政复议案件",
    }

    # indicators
    list_url = "reconsideration:list"
    compared_indicators = ("reconsideration.received", "reconsideration.correction_rate")

    # attachments (core.attachments): the records that carry files, found through the app's own visibility
    attachable = {"reconsiderationcase": "fazhi.reconsideration.selectors:visible_cases"}

    # casework kit (core/casework): pages and API built from the record type
    casework_kinds = ("fazhi.reconsideration.casework:KIND",)

    # demo (core/demoplan.py): the 复议 cases, planned with the suits after them (one stream, fazhi.demo)
    demo_plan = "fazhi.reconsideration.demo:load"
