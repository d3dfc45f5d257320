from fazhi.core import contract


class MediationConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.mediation"
    label = "mediation"
    verbose_name = "矛盾纠纷排查调处"
    area = "mediation"

    menu = [
        ("矛盾纠纷", "mediation:list"),
        ("登记纠纷", "mediation:create"),
        ("矛盾纠纷排查", "mediation:sweeps"),
        ("调解组织", "mediation:organizations"),
        ("人民调解员", "mediation:mediators"),
        ("调解员培训", "mediation:trainings"),
    ]
    url_prefix = "mediation/"
    api_router = "fazhi.mediation.api:router"
    importers = ["fazhi.mediation.importers"]
    home_indicators = ["mediation.disputes", "mediation.success_rate", "mediation.judicial_confirmations"]

    due_sources = ("fazhi.mediation.selectors:due_source",)
    rules = "fazhi.mediation.rules"
    number_suffix = "调"

    capabilities = {
        "mediation.view": "查看矛盾纠纷",
        "mediation.handle": "调处矛盾纠纷",
        "mediation.import": "导入矛盾纠纷",
    }

    list_url = "mediation:list"
    list_urls = {
        "mediationorg": "mediation:organizations",
        "mediator": "mediation:mediators",
        "training": "mediation:trainings",
        "sweep": "mediation:sweeps",
    }
    compared_indicators = ("mediation.success_rate",)
    attachable = {
        "dispute": "fazhi.mediation.selectors:visible_cases",
        "mediationorg": "fazhi.mediation.selectors:visible_organizations",
        "mediator": "fazhi.mediation.selectors:visible_mediators",
        "training": "fazhi.mediation.selectors:visible_trainings",
        "sweep": "fazhi.mediation.selectors:visible_sweeps",
    }
    casework_kinds = ("fazhi.mediation.casework:KIND",)
    demo_plan = "fazhi.mediation.demo:load"
    # 《人民调解工作若干规定》(司法部令第75号) 第三十三条: "一般在一个月内调结"; local rules set their own limit.
    jurisdiction_settings = {"mediation.handling_days": ("矛盾纠纷调结时限（日）", 30)}
