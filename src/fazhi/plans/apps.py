from fazhi.core import contract


class PlansConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.plans"
    label = "plans"
    verbose_name = "工作要点"
    area = "plans"

    menu = [
        ("工作要点", "plans:plan_list"),
        ("任务分工", "plans:list"),
        ("导入工作要点", "plans:plan_import", "plans.manage"),
    ]
    url_prefix = "plans/"
    api_router = "fazhi.plans.api:router"
    importers = ["fazhi.plans.importers"]
    home_indicators = ["plans.task_completion_rate", "plans.overdue"]
    due_sources = ("fazhi.plans.selectors:due_source", "fazhi.plans.selectors:lagging_source")
    rules = "fazhi.plans.rules"
    capabilities = {
        "plans.view": "查看工作要点和任务",
        "plans.report": "报送任务进展",
        "plans.manage": "管理工作要点（导入、分解、审核、督办）",
    }
    list_url = "plans:list"
    compared_indicators = ("plans.task_completion_rate",)
    attachable = {"assignment": "fazhi.plans.selectors:visible_cases"}
    casework_kinds = ("fazhi.plans.casework:KIND",)
    demo_plan = "fazhi.plans.demo:load"
    jurisdiction_settings = {
        "plans.lag_percent": ("工作要点任务滞后判定进度（%）：时间过半时进度低于此数为滞后", 50),
    }
    report_facts = ("fazhi.plans.reportfacts:facts",)
