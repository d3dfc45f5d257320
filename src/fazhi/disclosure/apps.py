from fazhi.core import contract


class DisclosureConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.disclosure"
    label = "disclosure"
    verbose_name = "政务公开"
    area = "disclosure"

    menu = [
        ("依申请公开", "disclosure:list"),
        ("登记申请", "disclosure:create"),
        ("年度报告表格", "disclosure:report"),
    ]
    url_prefix = "disclosure/"
    api_router = "fazhi.disclosure.api:router"
    importers = ["fazhi.disclosure.importers"]
    home_indicators = ["disclosure.applications_received", "disclosure.on_time_rate"]
    due_sources = ("fazhi.disclosure.selectors:due_source",)
    rules = "fazhi.disclosure.rules"
    number_suffix = "依申请公开"
    capabilities = {
        "disclosure.view": "查看政府信息公开申请",
        "disclosure.handle": "办理政府信息公开申请",
        "disclosure.import": "导入政府信息公开申请",
    }
    list_url = "disclosure:list"
    compared_indicators = ("disclosure.on_time_rate",)
    attachable = {"application": "fazhi.disclosure.selectors:visible_cases"}
    casework_kinds = ("fazhi.disclosure.casework:KIND",)
    public_sections = ("fazhi.disclosure.public:SECTION",)
    demo_plan = "fazhi.disclosure.demo:load"
    # 《政府信息公开条例》第十二条第二款: the guide names the 政府信息公开工作机构 and how to reach it. Read for the
    # jurisdiction itself only (disclosure.public.office), never borrowed from the jurisdiction above.
    jurisdiction_settings = {
        "disclosure.office_name": ("政府信息公开工作机构名称", ""),
        "disclosure.office_address": ("政府信息公开工作机构办公地址", ""),
        "disclosure.office_hours": ("政府信息公开工作机构办公时间", ""),
        "disclosure.office_phone": ("政府信息公开工作机构联系电话", ""),
        "disclosure.office_fax": ("政府信息公开工作机构传真号码", ""),
        "disclosure.office_online": ("政府信息公开工作机构互联网联系方式", ""),
    }
