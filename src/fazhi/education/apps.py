from fazhi.core import contract


class EducationConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.education"
    label = "education"
    verbose_name = "学法用法"
    area = "study"

    menu = [
        ("学法活动", "education:list"),
        ("登记学法活动", "education:create"),
        ("学法清单", "education:study_list"),
    ]
    url_prefix = "education/"
    api_router = "fazhi.education.api:router"
    importers = ["fazhi.education.importers"]
    home_indicators = ["study.leader_sessions", "study.lectures", "study.court_observations", "study.exams"]
    rules = "fazhi.education.rules"
    capabilities = {
        "education.view": "查看学法用法记录",
        "education.handle": "登记学法用法记录",
        "education.import": "导入学法活动",
    }
    list_url = "education:list"
    compared_indicators = ("study.lectures",)
    attachable = {"studysession": "fazhi.education.selectors:visible_cases"}
    casework_kinds = ("fazhi.education.casework:KIND",)
    demo_plan = "fazhi.education.demo:load"
    report_facts = ("fazhi.education.reportfacts:facts",)
