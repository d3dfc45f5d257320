from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from . import attachment_views, personal_views, system_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", views.password_change_view, name="core-password-change"),
    path("account/tokens/", views.tokens_view, name="core-tokens"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke_view, name="core-token-revoke"),
    path("due/", views.due_list_view, name="core-due"),
    path("notices/", views.notice_list_view, name="core-notices"),
    path("notices/read-all/", views.notice_read_all_view, name="core-notices-read-all"),
    path("notices/<int:pk>/read/", views.notice_read_view, name="core-notice-read"),
    path(
        "attachments/<slug:app_label>/<slug:model_name>/<int:pk>/upload/",
        attachment_views.upload_view,
        name="core-attachment-upload",
    ),
    path("attachments/<int:pk>/", attachment_views.download_view, name="core-attachment"),
    path("attachments/<int:pk>/delete/", attachment_views.delete_view, name="core-attachment-delete"),
    path(
        "personal/<slug:app_label>/<slug:model_name>/<int:pk>/<slug:field>/",
        personal_views.reveal_view,
        name="core-personal-reveal",
    ),
    path("system/", RedirectView.as_view(pattern_name="core-operation-log"), name="core-system"),
    path("system/dicts/", system_views.dicts, name="core-system-dicts"),
    path("system/dicts/<int:pk>/toggle/", system_views.dict_toggle, name="core-system-dict-toggle"),
    path("system/settings/", system_views.settings_page, name="core-system-settings"),
    path("system/orgs/", system_views.orgs, name="core-system-orgs"),
    path("system/users/", system_views.users, name="core-system-users"),
    path("system/roles/", system_views.roles, name="core-system-roles"),
    path("system/operation-log/", views.operation_log_view, name="core-operation-log"),
    path("system/login-log/", views.login_log_view, name="core-login-log"),
]
