from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("system/operation-log/", views.operation_log_view, name="core-operation-log"),
    path("system/login-log/", views.login_log_view, name="core-login-log"),
]
