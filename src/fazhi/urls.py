from django.contrib import admin
from django.urls import include, path

from .api import api
from .indicators.views import home
from .reports import builder_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("reconsideration/", include("fazhi.reconsideration.urls")),
    path("litigation/", include("fazhi.litigation.urls")),
    path("indicators/", include("fazhi.indicators.urls")),
    path("reports/annual/", include("fazhi.reports.builder_urls")),
    path("public/reports/", include(builder_urls.public_patterns)),
    path("reports/", include("fazhi.reports.urls")),
    path("law/", include("fazhi.law.urls")),
    path("import/", include("fazhi.core.import_urls")),
    path("", include("fazhi.core.urls")),
    path("", home, name="home"),
]

handler400 = "fazhi.core.views.bad_request"
