from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础设置"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import middleware  # noqa: F401  (connects the login receiver)

        post_migrate.connect(_builtin_roles, sender=self)


def _builtin_roles(sender, using="default", **kwargs) -> None:
    """Recreate missing built-in roles after migrate and after a test flush (like Django's permissions)."""
    from .capabilities import sync_builtin_roles
    from .models import Role

    sync_builtin_roles(Role.objects.db_manager(using))
