from fazhi.core import contract


class PublicityConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.publicity"
    label = "publicity"
    verbose_name = "普法宣传"
    area = "publicity"

    menu = [
        ("普法活动", "publicity:list"),
        ("登记普法活动", "publicity:create"),
        ("普法责任清单", "publicity:duties"),
    ]
    url_prefix = "publicity/"
    api_router = "fazhi.publicity.api:router"
    importers = ["fazhi.publicity.importers"]
    home_indicators = ["publicity.events"]
    rules = "fazhi.publicity.rules"
    capabilities = {
        "publicity.view": "查看普法记录",
        "publicity.handle": "登记普法活动和责任清单",
        "publicity.import": "导入普法活动",
    }
    list_url = "publicity:list"
    compared_indicators = ("publicity.events",)
    attachable = {"activity": "fazhi.publicity.selectors:visible_cases"}
    casework_kinds = ("fazhi.publicity.casework:KIND",)
    demo_plan = "fazhi.publicity.demo:load"
    report_facts = ("fazhi.publicity.reportfacts:facts",)
