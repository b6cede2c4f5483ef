"""django-carrot: a task queue for Django on RabbitMQ, with a GraphQL monitor."""

__version__ = "2.0.0.dev0"
