from fazhi.core import contract


class ProposalsConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.proposals"
    label = "proposals"
    verbose_name = "建议提案办理"
    area = "supervision"

    menu = [("建议提案", "proposals:list"), ("交办建议提案", "proposals:create")]
    url_prefix = "proposals/"
    api_router = "fazhi.proposals.api:router"
    importers = ["fazhi.proposals.importers"]
    home_indicators = ["supervision.suggestions_received", "supervision.suggestion_on_time_rate"]
    due_sources = ("fazhi.proposals.selectors:due_source",)
    rules = "fazhi.proposals.rules"
    capabilities = {
        "proposals.view": "查看建议提案",
        "proposals.handle": "办理建议提案",
        "proposals.import": "导入建议提案",
    }
    list_url = "proposals:list"
    compared_indicators = ("supervision.suggestion_completion_rate",)
    attachable = {"proposal": "fazhi.proposals.selectors:visible_cases"}
    casework_kinds = ("fazhi.proposals.casework:KIND",)
    demo_plan = "fazhi.proposals.demo:load"
    # 办理时限 is a local rule (人大、政协 and the government's 办理办法); many places give 3 months from 交办
    jurisdiction_settings = {"proposals.reply_months": ("建议提案答复时限（交办之日起月数）", 3)}
