from django.urls import path

from . import views
from .casework import COUNSEL, KIND

app_name = KIND.app
# The review requests at /legality/, the 法律顾问/公职律师 register at /legality/counsel/ (names counsel_list …).
urlpatterns = [
    *KIND.urls(),
    *(path(f"counsel/{p.pattern}", p.callback, name=f"counsel_{p.name}") for p in COUNSEL.urls()),
    path("points/", views.points, name="points"),
    path("counsel-opinions/", views.counsel_opinions, name="counsel_opinions"),
]
