from fazhi.core import contract


class DecisionsConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"
    area = "legality"

    menu = [
        ("重大行政决策", "decisions:list"),
        ("列入目录", "decisions:create", "decisions.handle"),
        ("决策事项目录", "decisions:catalogs"),
        ("公众意见台账", "decisions:comments"),
    ]
    url_prefix = "decisions/"
    api_router = "fazhi.decisions.api:router"
    importers = ["fazhi.decisions.importers"]
    home_indicators = ["legality.major_decisions"]
    due_sources = ("fazhi.decisions.selectors:due_source",)
    rules = "fazhi.decisions.rules"
    number_suffix = "决"
    capabilities = {
        "decisions.view": "查看重大行政决策",
        "decisions.handle": "办理重大行政决策",
        "decisions.import": "导入重大行政决策",
    }
    list_url = "decisions:list"
    list_urls = {"publiccomment": "decisions:comments"}
    compared_indicators = ("legality.major_decisions",)
    attachable = {"decision": "fazhi.decisions.selectors:visible_cases"}
    casework_kinds = ("fazhi.decisions.casework:KIND",)
    public_sections = ("fazhi.decisions.public:SECTION",)
    demo_plan = "fazhi.decisions.demo:load"
    report_facts = ("fazhi.decisions.reportfacts:facts",)
