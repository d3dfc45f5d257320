from fazhi.core import contract


class CollectionConfig(contract.DomainAppConfig):  # module import: one AppConfig class in this module
    """统计填报: forms of figures kept outside Fazhi, sent to units and sub-jurisdictions, filled or imported,
    reviewed, accepted or returned, and reminded when late. Its figures (indicators.py) count in every area, so
    the app has no area of its own: its pages are a menu group of their own."""

    name = "fazhi.collection"
    label = "collection"
    verbose_name = "统计填报"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
        (
            "统计填报",
            "bi-clipboard-data",
            20,
            [
                ("填报任务", "collection:tasks"),
                ("填报表管理", "collection:forms", "collection.manage"),
                ("逾期未报", "collection:late", "collection.manage"),
            ],
        ),
    ]
    # its pages keep the addresses they had under the figures (/indicators/forms/, /indicators/tasks/ …)
    url_prefix = "indicators/"
    api_router = "fazhi.collection.api:router"
    #: late tasks take part in the due-date protocol (core/due.py)
    due_sources = ("fazhi.collection.selectors:due_source",)
    #: `collection.manage` (forms, reviews, and the figures' targets and publication) and `collection.publish_unit`
    #: are checked by the indicators app too (indicators/access.py)
    capabilities = {
        "collection.fill": "填报统计数据",
        "collection.manage": "管理统计填报（填报表、审核、目标、年度数据发布）",
        "collection.publish_unit": "发布本部门年度数据",
    }
    #: the list page of the records behind a 统计填报 figure (its accepted submitted values)
    list_url = "collection:values"
    demo_plan = "fazhi.collection.demo:load"
