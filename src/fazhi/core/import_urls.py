"""Import and export pages; included by the project at "import/"."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("jobs/<int:pk>/", import_views.status_view, name="core-import-status"),
    path("jobs/<int:pk>/mapping/", import_views.mapping_view, name="core-import-mapping"),
    path("jobs/<int:pk>/errors.xlsx", import_views.errors_view, name="core-import-errors"),
    path("export/<slug:app>/", import_views.export_view, name="core-export"),
    path("<slug:app>/template.xlsx", import_views.template_view, name="core-import-template"),
    path("<slug:app>/", import_views.import_view, name="core-import"),
]
