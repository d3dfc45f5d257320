from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础设置"

    def ready(self) -> None:
        from . import middleware  # noqa: F401  (connects the login receiver)
