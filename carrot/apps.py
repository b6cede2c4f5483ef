from django.apps import AppConfig


class CarrotConfig(AppConfig):
    name = "carrot"
    label = "carrot"
    verbose_name = "django-carrot"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from carrot import checks, database_checks  # noqa: F401 - registers the system checks
        from carrot.pipeline import flush_quietly

        request_finished.connect(flush_quietly, dispatch_uid="carrot-flush-publishes")
