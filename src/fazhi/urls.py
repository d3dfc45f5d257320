from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from .api import api
from .core.contract import domain_apps
from .indicators.views import home
from .reports import builder_urls

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=static("fazhi/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # each domain app's pages under its declared prefix (the app contract)
    *(path(cfg.url_prefix, include(f"{cfg.name}.urls")) for cfg in domain_apps() if cfg.url_prefix),
    *(path(prefix, include(module)) for cfg in domain_apps() for prefix, module in cfg.root_urls.items()),
    path("indicators/", include("fazhi.indicators.urls")),
    path("reports/annual/", include("fazhi.reports.builder_urls")),
    path("public/reports/", include(builder_urls.public_patterns)),
    path("public/", RedirectView.as_view(url="/gk/", permanent=False)),
    path("", include("fazhi.portal.urls")),
    path("reports/review/", include("fazhi.reviewer.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("law/", include("fazhi.law.urls")),
    path("import/", include("fazhi.core.import_urls")),
    path("", include("fazhi.core.urls")),
    path("", home, name="home"),
]

handler400 = "fazhi.core.views.bad_request"
handler403 = "fazhi.core.views.permission_denied"
handler404 = "fazhi.core.views.page_not_found"
handler500 = "fazhi.core.views.server_error"
