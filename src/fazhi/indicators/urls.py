from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.dashboard_export, name="dashboard_export"),
]

# 统计填报, 年度数据发布 and 指标目标 (collection_urls.py)
from .collection_urls import urlpatterns as _collection_urlpatterns  # noqa: E402

urlpatterns += _collection_urlpatterns
