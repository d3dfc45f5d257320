from fazhi.core import contract


class HotlineConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    name = "fazhi.hotline"
    label = "hotline"
    verbose_name = "12345热线"
    area = "hotline"
    # the 诉求分类 (GB/T 39666-style; the office edits the list on 字典管理): its entries on a new installation
    code_lists = {
        "hotline_category": (
            "12345诉求分类",
            [
                ("01", "城乡建设"),
                ("02", "市场监管"),
                ("03", "交通运输"),
                ("04", "劳动和社会保障"),
                ("05", "生态环境"),
                ("06", "公共安全"),
                ("07", "城市管理"),
                ("08", "卫生健康"),
                ("09", "农业农村"),
                ("10", "其他"),
            ],
        )
    }

    # pages, API, imports, home and dashboard
    menu = [
        ("热线工单", "hotline:list"),
        ("受理工单", "hotline:create"),
        ("承办单位评价", "hotline:evaluation"),
    ]
    url_prefix = "hotline/"
    root_urls = {
        "open311/v2/": "fazhi.hotline.open311"
    }  # Open311 GeoReport v2, at the address clients expect
    api_router = "fazhi.hotline.api:router"
    importers = ["fazhi.hotline.importers"]
    home_indicators = [
        "hotline.received",
        "hotline.closed",
        "hotline.on_time_rate",
        "hotline.satisfaction_rate",
    ]

    # due-date protocol (core/due.py): open tickets at units by their due date
    due_sources = ("fazhi.hotline.selectors:due_source",)

    # -- numbering and rules --
    number_suffix = "热线"
    rules = "fazhi.hotline.rules"

    # -- permissions --
    # The hotline office handles in its jurisdiction; a unit's clerk signs, bounces and answers what is dispatched
    # to it (both: hotline.handle, checked at the ticket's jurisdiction or at its unit).
    capabilities = {
        "hotline.view": "查看12345热线工单",
        "hotline.handle": "办理12345热线工单",
        "hotline.import": "导入12345热线工单",
    }

    # indicators
    list_url = "hotline:list"
    compared_indicators = ("hotline.on_time_rate", "hotline.satisfaction_rate")

    attachable = {"ticket": "fazhi.hotline.selectors:visible_cases"}
    casework_kinds = ("fazhi.hotline.casework:KIND",)
    public_sections = ("fazhi.hotline.public:SECTION",)
    demo_plan = "fazhi.hotline.demo:load"

    # time limits: local rules (no national day limit; 国办函〔2025〕66号 "科学确定办理时限"), set per jurisdiction
    jurisdiction_settings = {
        "hotline.days.normal": ("12345一般诉求办理时限（工作日，自派单次日起算）", 5),
        "hotline.days.urgent": ("12345紧急诉求办理时限（工作日，自派单次日起算）", 1),
        "hotline.days.by_category": (
            "12345按诉求分类的办理时限（“分类编码:工作日”，逗号分隔；紧急诉求仍按紧急时限）",
            "",
        ),
    }
