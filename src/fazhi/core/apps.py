from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础设置"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
        ("工作台", "bi-house", 0, [("首页", "home"), ("待办期限", "core-due"), ("消息通知", "core-notices")]),
        (
            "系统管理",
            "bi-gear",
            90,
            [
                ("用户管理", "core-system-users"),
                ("角色管理", "core-system-roles"),
                ("组织机构", "core-system-orgs"),
                ("字典管理", "core-system-dicts"),
                ("参数设置", "core-system-settings"),
                ("操作日志", "core-operation-log"),
                ("登录日志", "core-login-log"),
            ],
        ),
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import (
            grams,  # noqa: F401  (registers fazhi_grams on every SQLite connection)
            middleware,  # noqa: F401  (connects the login receiver)
        )

        post_migrate.connect(_builtin_roles, sender=self)
        _name_users_by_their_names()


def _name_users_by_their_names() -> None:
    """A user reads as the person (周建华), not the login (fuyi), wherever one is shown: history, 操作日志, notices,
    timelines, lists and the admin. Django's User says its username; Fazhi keeps Django's User model (no custom
    model to migrate) and changes only how it reads."""
    from django.contrib.auth import get_user_model

    def __str__(self) -> str:
        return (self.last_name + self.first_name).strip() or self.username

    get_user_model().__str__ = __str__  # type: ignore[method-assign]


def _builtin_roles(sender, using="default", apps=None, **kwargs) -> None:
    """Recreate missing built-in roles after migrate and after a test flush (like Django's permissions), with
    the model as the migration state has it (none yet when migrating to before core 0008_roles)."""
    from django.apps import apps as installed

    from .capabilities import sync_builtin_roles

    try:
        role = (apps or installed).get_model("core", "Role")
    except LookupError:
        return
    sync_builtin_roles(role.objects.using(using))
    if apps is None or _has_table(apps, "DictItem"):
        from .codelists import seed_defaults

        seed_defaults(using)


def _has_table(apps, model: str) -> bool:
    """Whether the migration state has the model (a post_migrate after migrating back to before it has not)."""
    try:
        apps.get_model("core", model)
    except LookupError:
        return False
    return True
