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

from django.apps import AppConfig, apps


class DomainAppConfig(AppConfig):
    """Base of the AppConfig of every domain app (records of the office's casework and registers)."""

    #: key of the app's area (catalog areas: name, order, icon), which groups its menu, figures and forms
    area: str = ""

    # -- numbering and rules (core.numbering, core.workflow) --
    #: what follows the org's short name in the default number prefix of the app's records (复 → 临城县复〔2024〕1号);
    #: the office overrides prefix and pattern per org and year in the admin (案号规则). Empty: no numbering.
    number_suffix: str = ""
    #: dotted path of the app's rules module: its WORKFLOW, validate(record) and timeline(record)
    rules: str = ""


def domain_apps() -> list[DomainAppConfig]:
    """The installed domain apps, in INSTALLED_APPS order."""
    return [cfg for cfg in apps.get_app_configs() if isinstance(cfg, DomainAppConfig)]
