"""django-carrot 1.x import paths, kept so 1.x code keeps working."""

from carrot.publishing import create_scheduled_task, publish_message

__all__ = ["create_scheduled_task", "publish_message"]
