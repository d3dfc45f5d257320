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
`domain_apps()`. Adding an app = INSTALLED_APPS + its own folder."""

from __future__ import annotations

from django.apps import AppConfig, apps


class DomainAppConfig(AppConfig):
    """Base of the AppConfig of every domain app (records of the office's casework and registers)."""

    #: key of the app's area (catalog areas: name, order, icon), which groups its menu, figures and forms
    area: str = ""

    # -- due-date protocol (core/due.py) --
    #: dotted paths ("fazhi.reconsideration.selectors:due_source") of functions returning a `core.due.DueSource`:
    #: the app's open obligations (record, rule, due date, responsible org/person) for the home page's
    #: 即将到期/已逾期, the 待办期限 list and `fazhi remind`
    due_sources: tuple[str, ...] = ()

    # -- indicators (fazhi.indicators.declare) --
    #: URL name of the app's list page: the drill-down of a figure over the app's records opens it with
    #: ?indicator=KEY&org=ID&period=TOKEN[&part=denominator] (core.web.drilldown narrows the list)
    list_url: str = ""
    #: figures (catalog keys) the dashboard compares across child jurisdictions, in order
    compared_indicators: tuple[str, ...] = ()


def domain_apps() -> list[DomainAppConfig]:
    """The installed domain apps, in INSTALLED_APPS order."""
    return [cfg for cfg in apps.get_app_configs() if isinstance(cfg, DomainAppConfig)]
