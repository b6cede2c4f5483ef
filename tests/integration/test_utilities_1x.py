"""django-carrot 1.x's public helpers keep working: view decorators, purge_queue, requeue_all,
MessageLog.requeue() and ScheduledTask.publish(), against the real RabbitMQ."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog, ScheduledTask
from carrot.publishing import flush
from carrot.utilities import (
    create_scheduled_task,
    decorate_class_view,
    decorate_function_view,
    publish_message,
    purge_queue,
    requeue_all,
)
from tests.api.conftest import depth, make_log
from tests.tasks import add

pytestmark = pytest.mark.django_db(transaction=True)

CALLS: list[str] = []


def tag(name):
    def decorator(view):
        def wrapped(request, *args, **kwargs):
            CALLS.append(name)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


first = tag("first")
second = tag("second")
DECORATORS = [f"{__name__}.first", f"{__name__}.second"]


def hello(request):
    return HttpResponse("hello")


class Hello(View):
    def get(self, request):
        return HttpResponse("hello")


@pytest.fixture
def anonymous_get():
    request = RequestFactory().get("/monitor/")
    request.user = AnonymousUser()
    CALLS.clear()
    return request


def test_decorate_function_view_applies_the_dotted_decorators_last_outermost(anonymous_get):
    view = decorate_function_view(hello, DECORATORS)
    assert view(anonymous_get).content == b"hello"
    assert CALLS == ["second", "first"]
    login = decorate_function_view(hello, ["django.contrib.auth.decorators.login_required"])
    assert login(anonymous_get).status_code == 302
    assert decorate_function_view(hello) is hello


def test_decorate_class_view_decorates_dispatch_last_outermost(anonymous_get):
    view_class = decorate_class_view(Hello, DECORATORS)
    assert issubclass(view_class, Hello)
    assert view_class.as_view()(anonymous_get).content == b"hello"
    assert CALLS == ["second", "first"]
    login = decorate_class_view(Hello, ["django.contrib.auth.decorators.login_required"])
    assert login.as_view()(anonymous_get).status_code == 302


def test_purge_queue_empties_every_queue_and_deletes_the_waiting_logs(purge_queues):
    waiting = [publish_message(add, 1, 2), publish_message(add, 3, 4, queue="other")]
    flush()
    failed = make_log(status=MessageLog.FAILED)
    assert depth("default") == 1 and depth("other") == 1
    purge_queue()
    assert depth("default") == 0 and depth("other") == 0
    assert not MessageLog.objects.filter(pk__in=[log.pk for log in waiting]).exists()
    assert MessageLog.objects.filter(pk=failed.pk).exists()


def test_requeue_all_publishes_every_waiting_task_again(purge_queues):
    waiting = [publish_message(add, 1, 2) for _ in range(3)]
    flush()
    done = make_log(status=MessageLog.COMPLETED)
    broker.purge_queue(get_settings().queue("default"))  # the messages are lost; the logs still wait
    assert requeue_all() == 3
    assert depth("default") == 3
    assert {log.status for log in MessageLog.objects.filter(pk__in=[w.pk for w in waiting])} == {
        MessageLog.PUBLISHED
    }
    done.refresh_from_db()
    assert done.status == MessageLog.COMPLETED


def test_message_log_requeue_sends_a_failed_task_again_under_its_id(purge_queues):
    failed = make_log(status=MessageLog.FAILED, exception="boom", queue="default")
    requeued = failed.requeue()
    assert requeued.pk == failed.pk and requeued.status == MessageLog.PUBLISHED
    assert requeued.exception == ""
    assert depth("default") == 1


def test_scheduled_task_publish_sends_it_now_with_its_priority(purge_queues):
    scheduled = create_scheduled_task(add, {"hours": 1}, task_args=(1, 2))
    next_run = ScheduledTask.objects.get(pk=scheduled.pk).next_run_at
    log = scheduled.publish(priority=3)
    assert (log.task, log.args, log.priority) == ("tests.tasks.add", [1, 2], 3)
    assert depth("default") == 1
    assert ScheduledTask.objects.get(pk=scheduled.pk).next_run_at == next_run  # schedule unchanged
