from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "fazhi.law"
    label = "law"
    verbose_name = "法律规则"
    # left menu groups (title, icon, position, entries); core/context_processors.py
    menu_groups = [
        ("法律规则", "bi-calendar", 40, [("期限规则", "law:rules"), ("节假日安排", "law:holidays")])
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .calendar import holidays_changed
        from .models import HolidayDay, HolidayYear

        for model in (HolidayDay, HolidayYear):
            for signal in (post_save, post_delete):
                signal.connect(
                    holidays_changed, sender=model, dispatch_uid=f"holidays_changed_{model.__name__}"
                )
