from django.urls import path

from . import views
from .casework import KIND
from .registers import REGISTERS

app_name = KIND.app
urlpatterns = [*KIND.urls(), path("duties/", views.duties, name="duties")]
for _name in REGISTERS:
    urlpatterns += [
        path(f"{_name}/", views.register_list, {"register": _name}, name=_name),
        path(f"{_name}/<int:pk>/action/", views.register_action, {"register": _name}, name=f"{_name}_action"),
    ]
