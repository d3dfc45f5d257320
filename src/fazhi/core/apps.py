from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础设置"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
        ("工作台", "bi-house", 0, [("首页", "home"), ("待办期限", "core-due"), ("消息通知", "core-notices")]),
        ("系统管理", "bi-gear", 90, [("操作日志", "core-operation-log"), ("登录日志", "core-login-log")]),
    ]

    def ready(self) -> None:
        from . import middleware  # noqa: F401  (connects the login receiver)
