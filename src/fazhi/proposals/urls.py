from .casework import KIND

app_name = KIND.app
urlpatterns = KIND.urls()
