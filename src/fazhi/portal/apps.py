from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The public site of each jurisdiction (no login), built from the sections the domain apps declare
    (core/public.py) and the published reports and figures of the reports and indicators apps."""

    name = "fazhi.portal"
    label = "portal"
    verbose_name = "政务公开门户"

    def ready(self) -> None:
        from .search import watch

        watch()  # the search index follows the sections' records (fazhi.portal.search)
