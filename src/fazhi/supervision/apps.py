from fazhi.core import contract


class SupervisionConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "督察考评"
    area = "supervision"

    # pages, API, imports, home and dashboard
    menu = [
        ("问题台账", "supervision:list"),
        ("法治督察", "supervision_inspections:list"),
        ("约谈", "supervision_interviews:list"),
        ("考评", "supervision_schemes:list"),
        ("考评材料", "supervision_evidence:list"),
        ("述法", "supervision_shufa:list"),
    ]
    url_prefix = "supervision/"
    api_router = "fazhi.supervision.api:router"
    importers = ["fazhi.supervision.importers"]
    home_indicators = [
        "supervision.problems_found",
        "supervision.problems_rectified",
        "supervision.rectification_rate",
        "supervision.rectification_overdue",
    ]

    # due-date protocol (core/due.py): 整改 owed by the responsible unit
    due_sources = ("fazhi.supervision.selectors:due_source",)

    rules = "fazhi.supervision.rules"

    # per-jurisdiction settings (core/jsettings.py): the 督察规定 sets no period for 整改; the office does
    jurisdiction_settings = {"supervision.rectify_days": ("督察问题默认整改期限（自然日）", 60)}

    # -- permissions --
    # The office (法治办) manages: inspections, problems, 销号, schemes, 述法 review. A unit's clerk handles its own
    # 整改 (measures, progress, 申请销号) and registers its leaders' 述法. Assessors (复议/审核人员) score.
    capabilities = {
        "supervision.view": "查看督察、考评和述法",
        "supervision.handle": "办理督察问题整改",
        "supervision.manage": "组织督察、审核销号和考评",
        "supervision.assess": "考评评分",
        "supervision.import": "导入考评得分",
    }

    # indicators: every figure of the app counts problems of the 问题台账
    list_url = "supervision:list"
    list_urls = {
        "inspection": "supervision_inspections:list",
        "inspection_inspected_units": "supervision:coverage",
        "interview": "supervision_interviews:list",
        "shufa": "supervision_shufa:list",
    }
    compared_indicators = ("supervision.rectification_rate",)

    attachable = {
        "problem": "fazhi.supervision.selectors:visible_cases",
        "inspection": "fazhi.supervision.selectors:visible_inspections",
        "shufa": "fazhi.supervision.selectors:visible_shufa",
        "interview": "fazhi.supervision.selectors:visible_interviews",
        "evidence": "fazhi.supervision.selectors:visible_evidence",
    }

    casework_kinds = (
        "fazhi.supervision.casework:PROBLEMS",
        "fazhi.supervision.casework:INSPECTIONS",
        "fazhi.supervision.casework:SCHEMES",
        "fazhi.supervision.casework:SHUFA",
        "fazhi.supervision.casework:INTERVIEWS",
        "fazhi.supervision.casework:EVIDENCE",
    )
    demo_plan = "fazhi.supervision.demo:load"
    report_facts = ("fazhi.supervision.reportfacts:facts",)
