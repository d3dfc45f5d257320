from fazhi.core import contract


class NormativeConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.normative"
    label = "normative"
    verbose_name = "行政规范性文件"
    area = "legality"

    menu = [
        ("规范性文件", "normative:list"),
        ("登记文件", "normative:create", "normative.handle"),
        ("文件清理", "normative:cleanups"),
    ]
    url_prefix = "normative/"
    api_router = "fazhi.normative.api:router"
    importers = ["fazhi.normative.importers"]
    home_indicators = ["legality.normative_docs_issued", "legality.normative_filing_timely_rate"]

    due_sources = (
        "fazhi.normative.selectors:due_congress",
        "fazhi.normative.selectors:due_government",
        "fazhi.normative.selectors:due_expiry",
        "fazhi.normative.selectors:due_rule_state_council",
        "fazhi.normative.selectors:due_rule_congress",
        "fazhi.normative.selectors:due_rule_province_congress",
        "fazhi.normative.selectors:due_rule_government",
    )
    rules = "fazhi.normative.rules"
    number_suffix = "规"

    # 登记/印发/报备 by the issuer's 法制机构 or the office; 备案审查 by the government the document was filed with.
    capabilities = {
        "normative.view": "查看行政规范性文件",
        "normative.handle": "登记、印发、报备行政规范性文件",
        "normative.review": "备案审查行政规范性文件",
        "normative.import": "导入行政规范性文件",
    }

    list_url = "normative:list"
    compared_indicators = ("legality.normative_filing_timely_rate",)
    attachable = {"normativedocument": "fazhi.normative.selectors:visible_cases"}
    casework_kinds = ("fazhi.normative.casework:KIND",)
    public_sections = ("fazhi.normative.public:SECTION",)
    demo_plan = "fazhi.normative.demo:load"
    jurisdiction_settings = {
        "normative.filing_congress_days": ("规范性文件报本级人大常委会备案期限（自公布之日起，日）", 30),
        "normative.filing_congress_basis": ("报人大常委会备案期限的本地依据（法规名称及条款）", ""),
        "normative.filing_government_days": ("规范性文件报政府备案期限（自公布之日起，日）", 30),
        "normative.filing_government_basis": ("报政府备案期限的本地依据（法规名称及条款）", ""),
        "normative.validity_years": ("规范性文件有效期（年，最长）", 5),
        "normative.provisional_validity_years": ("暂行、试行规范性文件有效期（年）", 2),
        "normative.expiry_notice_months": ("有效期届满前提示评估的月数", 6),
        # 立法法 第九十三条: only 省级 and 设区的市级 (自治州) governments; a 设区的市 from the day its province set
        # (第四款). Read for 省级 and 市级 jurisdictions only: a county never has it, whatever is set above it.
        "normative.rulemaking_power": (
            "本级人民政府具有规章制定权（仅省级、设区的市级；立法法第九十三条）",
            True,
        ),
    }
