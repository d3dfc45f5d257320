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
        ("法治文化阵地", "publicity:sites"),
        ("民主法治示范村（社区）", "publicity:villages"),
        ("法律明白人", "publicity:literates"),
    ]
    url_prefix = "publicity/"
    api_router = "fazhi.publicity.api:router"
    importers = ["fazhi.publicity.importers"]
    home_indicators = ["publicity.events"]
    rules = "fazhi.publicity.rules"
    capabilities = {
        "publicity.view": "查看普法记录",
        "publicity.handle": "登记普法活动和责任清单",
        "publicity.import": "导入普法活动、阵地、示范村和法律明白人",
    }
    list_url = "publicity:list"
    list_urls = {
        "culturesite": "publicity:sites",
        "modelvillage": "publicity:villages",
        "legalliterate": "publicity:literates",
    }
    compared_indicators = ("publicity.events",)
    attachable = {"activity": "fazhi.publicity.selectors:visible_cases"}
    casework_kinds = ("fazhi.publicity.casework:KIND",)
    demo_plan = "fazhi.publicity.demo:load"
    public_sections = ("fazhi.publicity.public:SECTION",)
    report_facts = ("fazhi.publicity.reportfacts:facts",)
