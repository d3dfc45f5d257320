"""The 问题台账 at the app's prefix (namespace "supervision"), 督察, 考评 and 述法 under it, each kind in its own
namespace (its list/create/detail/action URL names are the kit's)."""

from django.urls import include, path

from .casework import INSPECTIONS, PROBLEMS, SCHEMES, SHUFA

urlpatterns = [
    path("", include((PROBLEMS.urls(), PROBLEMS.app))),
    path("inspections/", include((INSPECTIONS.urls(), INSPECTIONS.app))),
    path("schemes/", include((SCHEMES.urls(), SCHEMES.app))),
    path("shufa/", include((SHUFA.urls(), SHUFA.app))),
]
