"""The 问题台账 at the app's prefix (namespace "supervision"), 督察, 考评 and 述法 under it, each kind in its own
namespace (its list/create/detail/action URL names are the kit's)."""

from django.urls import include, path

from . import views
from .casework import EVIDENCE, INSPECTIONS, INTERVIEWS, PROBLEMS, SCHEMES, SHUFA

urlpatterns = [
    # 督察覆盖单位 (the list the supervision.inspected_units figure drills down to) beside the 问题台账's pages
    path("", include(([*PROBLEMS.urls(), path("coverage/", views.coverage, name="coverage")], PROBLEMS.app))),
    path("inspections/", include((INSPECTIONS.urls(), INSPECTIONS.app))),
    path("interviews/", include((INTERVIEWS.urls(), INTERVIEWS.app))),
    path("schemes/", include((SCHEMES.urls(), SCHEMES.app))),
    path("evidence/", include((EVIDENCE.urls(), EVIDENCE.app))),
    path("shufa/", include((SHUFA.urls(), SHUFA.app))),
]
