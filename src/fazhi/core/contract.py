"""The app contract (DESIGN.md): every domain app declares itself once, on its AppConfig, and the core finds the
apps through these declarations; no central list names them.

A domain app's `apps.py`:

    from fazhi.core import contract

    class ReconsiderationConfig(contract.DomainAppConfig):
        name = "fazhi.reconsideration"
        label = "reconsideration"
        verbose_name = "行政复议"
        area = "reconsideration"
        ...

Import the module, not the class: with `DomainAppConfig` in the module's namespace Django sees two AppConfig
classes, cannot choose, and silently installs a plain AppConfig without any of the app's declarations.

Each concern of the contract is a class attribute with a default here (menu, URL prefix, API router, importers,
capabilities, due-date sources, home cards, statutes, demo plan); the code that uses a concern reads it from
`domain_apps()`. Values are plain data or dotted paths ("fazhi.reconsideration.api:router") resolved lazily with
`resolve()`, so apps.py stays importable at startup. Adding an app = INSTALLED_APPS + its own folder
(docs/new-app.md)."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


class DomainAppConfig(AppConfig):
    """Base of the AppConfig of every domain app (records of the office's casework and registers)."""

    # An app's apps.py imports this class, so Django would find two AppConfig subclasses there and fall back to
    # a plain AppConfig: this base is never the default, each subclass is (unless it says otherwise).
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    #: key of the app's area (core/areas.py: name, order, icon), which groups its menu, figures and forms; "" for
    #: an app that serves every area (统計填报), which then has no `menu` but a group of its own (`menu_groups`)
    area: str = ""

    # -- pages, API, imports, home and dashboard (read by core/context_processors.py, urls.py, api.py,
    #    core/importing.py, indicators/views.py) --
    #: menu entries (label, URL name[, capability]) shown under the app's area group, in order; an entry with a
    #: capability only to users who hold it in some org (("登记案件", "litigation:create", "litigation.handle"))
    menu: list[tuple] = []
    #: the path its pages (`<name>.urls`) are mounted under, e.g. "reconsideration/"; "" = no pages
    url_prefix: str = ""
    #: other URL modules mounted at the site root, prefix -> dotted module (a standard's own address, such as
    #: an Open311 GeoReport v2 server at "open311/v2/")
    root_urls: dict[str, str] = {}
    #: dotted path of its django-ninja router ("fazhi.reconsideration.api:router"), mounted at /api/<label>/
    api_router: str = ""
    #: modules whose import registers the app's Excel importers (core.importing.register)
    importers: list[str] = []
    #: catalog keys of the figures the home page shows for the app, in order
    home_indicators: list[str] = []
    #: dotted paths of dashboard charts: callables (org, year, *, min_sample) -> chart spec dict
    #: {"id", "title", "kind": "series"|"ranking", "data", "width" (of 12), "empty" (text when no data)}
    dashboard_charts: list[str] = []

    # -- due-date protocol (core/due.py) --
    #: dotted paths ("fazhi.reconsideration.selectors:due_source") of functions returning a `core.due.DueSource`:
    #: the app's open obligations (record, rule, due date, responsible org/person) for the home page's
    #: 即将到期/已逾期, the 待办期限 list and `fazhi remind`
    due_sources: tuple[str, ...] = ()

    # -- numbering and rules (core.numbering, core.workflow) --
    #: what follows the org's short name in the default number prefix of the app's records (复 → 临城县复〔2024〕1号);
    #: the office overrides prefix and pattern per org and year in the admin (案号规则). Empty: no numbering.
    number_suffix: str = ""
    #: dotted path of the app's rules module: its WORKFLOW, validate(record) and timeline(record)
    rules: str = ""

    # -- permissions (core.capabilities, core.permissions) --
    #: capability code ("<app>.<verb>") → Chinese label; services check them with `require(actor, org, code)`,
    #: selectors read with `<app>.view`; roles (data) grant them. Built-in roles grant `*.view` to everyone,
    #: everything else to office/reviewer/clerk/admin except the exclusions in capabilities.BUILTIN_ROLES.
    capabilities: dict[str, str] = {}

    # -- attachments (core.attachments) --
    #: model name → dotted path of `visible(user) -> QuerySet` of the records that may carry attachments; a file is
    #: served to whoever may read its record, attached or removed by holders of "<app>.handle" in the record's org
    attachable: dict[str, str] = {}

    # -- indicators (fazhi.indicators.declare) --
    #: URL name of the app's list page: the drill-down of a figure over the app's records opens it with
    #: ?indicator=KEY&org=ID&period=TOKEN[&part=denominator] (core.web.drilldown narrows the list)
    list_url: str = ""
    #: the list pages of the app's other record models, by model name ({"counsel": "legality:counsel_list"}):
    #: a figure counting those records drills down there instead of `list_url`
    list_urls: dict[str, str] = {}
    #: figures (catalog keys) the dashboard compares across child jurisdictions, in order
    compared_indicators: tuple[str, ...] = ()

    # -- casework kit (core/casework) --
    #: dotted paths ("fazhi.reconsideration.casework:KIND") of the app's record types (core.casework.kind.CaseKind):
    #: its list/detail/create/action pages and API endpoints are built from them
    casework_kinds: tuple[str, ...] = ()

    # -- per-jurisdiction settings (core/jsettings.py) --
    #: key ("<app>.<name>") → (Chinese label, default): local numbers and texts the office sets per jurisdiction
    #: in the admin (本级参数设置); read with `core.jsettings.get_setting(org, key)`
    jurisdiction_settings: dict[str, tuple[str, Any]] = {}

    # -- code lists (core/codelists.py) --
    #: key → (Chinese name, default entries [(code, label)]): the app's own 字典, filled with the defaults on a new
    #: installation and edited by the office on 系统管理 → 字典管理
    code_lists: dict[str, tuple[str, list[tuple[str, str]]]] = {}

    # -- public portal (core/public.py, fazhi.portal) --
    #: dotted paths ("fazhi.normative.public:SECTION") of `core.public.PublicSection` objects: the app's sections of
    #: its jurisdiction's public site (published, non-personal data only), laid out by the portal
    public_sections: tuple[str, ...] = ()

    # -- annual report (core/reportfacts.py, reports/builder/draft.py) --
    #: dotted paths ("fazhi.plans.reportfacts:facts") of `facts(org, year) -> list[ReportFact]`: the sentences the
    #: app's records back in the org's annual report on `year` (the work plan with its 文号, the inspection and its
    #: closed problems, 述法 …), each under a topic of `core.reportfacts.TOPICS`; a topic no app backs is left to
    #: the author as a marked gap 【待补充：…】
    report_facts: tuple[str, ...] = ()

    # -- demo (core/demoplan.py) --
    #: dotted path ("fazhi.legality.demo:load") of `load(ctx: DemoContext) -> str`, which fills the app with the
    #: demo city's records (seeded, through the services) and returns a one-line Chinese summary; run by `fazhi demo`
    demo_plan: str = ""


def domain_apps() -> list[DomainAppConfig]:
    """The installed domain apps, in INSTALLED_APPS order."""
    return [cfg for cfg in apps.get_app_configs() if isinstance(cfg, DomainAppConfig)]


def casework_kinds() -> list:
    """The record types (CaseKind) of every installed domain app, in INSTALLED_APPS order."""
    return [resolve(path) for cfg in domain_apps() for path in cfg.casework_kinds]


def domain_apps_by_area() -> list[DomainAppConfig]:
    """The installed domain apps in area order (core/areas.py), then INSTALLED_APPS order."""
    from .areas import area_order

    return sorted(domain_apps(), key=lambda cfg: area_order(cfg.area))


def resolve(path: str) -> Any:
    """The object a declared dotted path names: "package.module:attribute" (or "package.module.attribute")."""
    return import_string(path.replace(":", "."))
