"""The app contract (DESIGN.md): every domain app declares itself once, on its AppConfig, and the core finds the
apps through these declarations; no central list names them.

A domain app's `apps.py`:

    class ReconsiderationConfig(DomainAppConfig):
        name = "fazhi.reconsideration"
        label = "reconsideration"
        verbose_name = "行政复议"
        area = "reconsideration"
        ...

Each concern of the contract is a class attribute with a default here (menu, URL prefix, API router, importers,
capabilities, due-date sources, home cards, statutes, demo plan); the code that uses a concern reads it from
`domain_apps()`. Adding an app = INSTALLED_APPS + its own folder."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps


class DomainAppConfig(AppConfig):
    """Base of the AppConfig of every domain app (records of the office's casework and registers)."""

    # An app's apps.py imports this class, so Django would find two AppConfig subclasses there and fall back to
    # a plain AppConfig: this base is never the default, each subclass is (unless it says otherwise).
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    #: key of the app's area (catalog areas: name, order, icon), which groups its menu, figures and forms
    area: str = ""

    # -- indicators (fazhi.indicators.declare) --
    #: URL name of the app's list page: the drill-down of a figure over the app's records opens it with
    #: ?indicator=KEY&org=ID&period=TOKEN[&part=denominator] (core.web.drilldown narrows the list)
    list_url: str = ""
    #: figures (catalog keys) the dashboard compares across child jurisdictions, in order
    compared_indicators: tuple[str, ...] = ()


def domain_apps() -> list[DomainAppConfig]:
    """The installed domain apps, in INSTALLED_APPS order."""
    return [cfg for cfg in apps.get_app_configs() if isinstance(cfg, DomainAppConfig)]
