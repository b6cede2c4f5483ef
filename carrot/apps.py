from django.apps import AppConfig


class CarrotConfig(AppConfig):
    name = "carrot"
    label = "carrot"
    verbose_name = "django-carrot"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from carrot import checks  # noqa: F401 - registers the system checks
