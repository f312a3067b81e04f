app_name = "routing_api"

urlpatterns: list = []
