from fazhi.core import contract


class EnforcementConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法监督"
    area = "enforcement"

    menu = [
        ("执法案件台账", "enforcement:list"),
        ("立案登记", "enforcement:create"),
        ("执法人员", "enforcement:officers"),
        ("案卷评查", "enforcement:reviews"),
        ("权责清单", "enforcement:powers"),
        ("执法监督预警", "enforcement:warnings"),
        ("评查整改", "enforcement:rectify_list"),
    ]
    url_prefix = "enforcement/"
    api_router = "fazhi.enforcement.api:router"
    importers = ["fazhi.enforcement.importers"]
    home_indicators = [
        "enforcement.penalty_cases",
        "enforcement.first_offense_cases",
        "enforcement.officers",
        "enforcement.case_file_excellent_rate",
        "enforcement.open_warnings",
    ]

    due_sources = (
        "fazhi.enforcement.selectors:decision_due_source",
        "fazhi.enforcement.selectors:publish_due_source",
        "fazhi.enforcement.selectors:certificate_due_source",
        "fazhi.enforcement.selectors:training_due_source",
        "fazhi.enforcement.selectors:warning_due_source",
        "fazhi.enforcement.selectors:rectification_due_source",
    )
    rules = "fazhi.enforcement.rules"

    # A unit's clerk handles its own ledger; the office (执法监督科) its jurisdiction's; campaigns need manage.
    capabilities = {
        "enforcement.view": "查看行政执法案件",
        "enforcement.handle": "办理行政执法案件和执法人员",
        "enforcement.import": "导入行政执法案件",
        "enforcement.manage": "组织案卷评查",
    }
    jurisdiction_settings = {
        "enforcement.training_hours": ("行政执法人员年度培训学时要求", 60),
        # 本地行政执法监督办法: the working days a warned unit has for its written explanation
        "enforcement.warning_reply_days": ("执法监督预警单位说明期限（工作日）", 10),
        # the campaign's own rule: the days a unit has to rectify a file scored 不合格 or with problems
        "enforcement.rectify_days": ("案卷评查整改期限（自评查之日起日数）", 30),
    }

    list_url = "enforcement:list"
    list_urls = {
        "officer": "enforcement:officers",
        "casefilereview": "enforcement:reviews",
        "poweritem": "enforcement:powers",
        "enforcementwarning": "enforcement:warnings",
        "rectification": "enforcement:rectify_list",
    }
    compared_indicators = ("enforcement.penalty_cases", "enforcement.on_time_decision_rate")
    attachable = {
        "enforcementcase": "fazhi.enforcement.selectors:visible_cases",
        "rectification": "fazhi.enforcement.selectors:visible_rectifications",
    }
    public_sections = (
        "fazhi.enforcement.public:SECTION",
        "fazhi.enforcement.public:POWERS_SECTION",
    )
    casework_kinds = ("fazhi.enforcement.casework:KIND", "fazhi.enforcement.casework:RECTIFY")
    demo_plan = "fazhi.enforcement.demo:load"
