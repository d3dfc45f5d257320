from fazhi.core import contract


class LegalityConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.legality"
    label = "legality"
    verbose_name = "合法性审核"
    area = "legality"

    # pages, API, imports, home and dashboard
    menu = [
        ("合法性审核", "legality:list"),
        ("送审登记", "legality:create", "legality.submit"),
        ("法律顾问、公职律师", "legality:counsel_list"),
        ("意见建议台账", "legality:points"),
    ]
    url_prefix = "legality/"
    api_router = "fazhi.legality.api:router"
    importers = ["fazhi.legality.importers"]
    home_indicators = [
        "legality.reviews",
        "legality.opinions",
        "legality.review_points",
        "legality.review_on_time_rate",
        "counsel.participations",
    ]

    # due-date protocol (core/due.py)
    due_sources = ("fazhi.legality.selectors:due_source",)

    # -- numbering and rules --
    rules = "fazhi.legality.rules"
    number_suffix = "合审"  # 临城县合审〔2025〕12号

    # -- permissions --
    # A unit's clerk submits its drafts (legality.submit at its unit); reviewing is the 法制机构's, at the
    # jurisdiction (legality.review): a clerk's 数据范围 is its unit, so it never reviews.
    capabilities = {
        "legality.view": "查看合法性审核事项和法律顾问名册",
        "legality.submit": "送审（提交合法性审核）",
        "legality.review": "办理合法性审核",
        "legality.counsel": "管理法律顾问、公职律师名册",
        "legality.import": "导入合法性审核事项",
    }

    # indicators
    list_url = "legality:list"
    list_urls = {
        "counsel": "legality:counsel_list",
        "reviewpoint": "legality:points",
        "counselopinion": "legality:counsel_opinions",
    }
    compared_indicators = ("legality.review_on_time_rate",)

    # attachments (core.attachments): the draft (.docx/.pdf) and the written opinion are filed with the request
    attachable = {
        "reviewrequest": "fazhi.legality.selectors:visible_cases",
        "counsel": "fazhi.legality.selectors:visible_counsel",
    }

    # casework kit (core/casework): pages and API built from the record types
    casework_kinds = ("fazhi.legality.casework:KIND", "fazhi.legality.casework:COUNSEL")

    demo_plan = "fazhi.legality.demo:load"

    # local rules, not law (core/jsettings.py)
    jurisdiction_settings = {"legality.review_days": ("合法性审核办理时限（工作日）", 10)}
