from fazhi.core import contract


class PetitionsConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.petitions"
    label = "petitions"
    verbose_name = "信访"
    area = "petitions"

    menu = [
        ("信访事项", "petitions:list"),
        ("登记信访", "petitions:create"),
        ("领导接访", "petitions:receptions"),
    ]
    url_prefix = "petitions/"
    api_router = "fazhi.petitions.api:router"
    importers = ["fazhi.petitions.importers"]
    home_indicators = ["petitions.received", "petitions.notice_on_time_rate", "petitions.on_time_rate"]

    due_sources = ("fazhi.petitions.selectors:due_source",)
    rules = "fazhi.petitions.rules"
    number_suffix = "访"

    capabilities = {
        "petitions.view": "查看信访事项",
        "petitions.handle": "办理信访事项",
        "petitions.import": "导入信访事项",
    }

    list_url = "petitions:list"
    list_urls = {"leaderreception": "petitions:receptions"}
    compared_indicators = ("petitions.on_time_rate",)
    attachable = {
        "petition": "fazhi.petitions.selectors:visible_cases",
        "leaderreception": "fazhi.petitions.selectors:visible_receptions",
    }
    casework_kinds = ("fazhi.petitions.casework:KIND",)
    demo_plan = "fazhi.petitions.demo:load"
