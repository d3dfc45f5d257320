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

    # Django picks an apps.py's AppConfig automatically only if exactly one class there is a default; this base
    # class is imported into every apps.py, so it is not one and each subclass is (unless it says otherwise).
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    #: key of the app's area (catalog areas: name, order, icon), which groups its menu, figures and forms
    area: str = ""

    # -- permissions (core.capabilities, core.permissions) --
    #: capability code ("<app>.<verb>") → Chinese label; services check them with `require(actor, org, code)`,
    #: selectors read with `<app>.view`; roles (data) grant them. Built-in roles grant `*.view` to everyone,
    #: everything else to office/reviewer/clerk/admin except the exclusions in capabilities.BUILTIN_ROLES.
    capabilities: dict[str, str] = {}


def domain_apps() -> list[DomainAppConfig]:
    """The installed domain apps, in INSTALLED_APPS order."""
    return [cfg for cfg in apps.get_app_configs() if isinstance(cfg, DomainAppConfig)]
