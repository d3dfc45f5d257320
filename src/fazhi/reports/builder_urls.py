"""URLs of the annual report builder.

path("reports/annual/", include("fazhi.reports.builder_urls")),            # namespace annual_reports
path("public/reports/", include(builder_urls.public_patterns)),            # namespace public_reports
"""

from django.urls import path

from . import builder_views as views

app_name = "annual_reports"
urlpatterns = [
    path("", views.annual_list, name="list"),
    path("new/", views.annual_create, name="create"),
    path("<int:pk>/", views.annual_edit, name="edit"),
    path("<int:pk>/preview/", views.annual_preview, name="preview"),
    path("<int:pk>/regenerate/", views.annual_regenerate, name="regenerate"),
    path("<int:pk>/publish/", views.annual_publish, name="publish"),
    path("<int:pk>/download.<str:fmt>", views.annual_download, name="download"),
]

# The public page of published reports (no login), included on its own prefix.
public_patterns = (
    [
        path("", views.public_list, name="list"),
        path("<int:pk>/download.<str:fmt>", views.public_download, name="download"),
    ],
    "public_reports",
)
