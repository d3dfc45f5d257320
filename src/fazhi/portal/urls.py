from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import SectionFeed
from .sitemaps import PortalSitemap

app_name = "portal"
urlpatterns = [
    path("gk/", views.index, name="index"),
    path("gk/text-size/", views.text_size, name="text_size"),
    path("gk/<str:org_code>/", views.home, name="home"),
    path("gk/<str:org_code>/search/", views.search, name="search"),
    path("gk/<str:org_code>/feed/", SectionFeed(), name="feed"),
    path("gk/<str:org_code>/<slug:key>/", views.section_page, name="section"),
    path("gk/<str:org_code>/<slug:key>/feed/", SectionFeed(), name="section_feed"),
    path("gk/<str:org_code>/<slug:key>/<int:pk>/", views.item, name="item"),
    path("sitemap.xml", sitemap, {"sitemaps": {"portal": PortalSitemap}}, name="sitemap"),
]
