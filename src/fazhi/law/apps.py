from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "fazhi.law"
    label = "law"
    verbose_name = "法律规则"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
        ("法律规则", "bi-calendar", 40, [("期限规则", "law:rules"), ("节假日安排", "law:holidays")])
    ]
