from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo jurisdiction (`fazhi demo`): the top floor, may import every app. The shared machinery (the
    city, users, the writers, scale and seed) lives here; each domain app's part is the plan module it
    declares as `demo_plan` on its DomainAppConfig."""

    name = "fazhi.demo"
    label = "demo"
    verbose_name = "演示数据"
