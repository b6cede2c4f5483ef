import pytest
from django.core.checks import run_checks
from django.test import override_settings

from carrot import conf
from carrot.errors import ConfigurationError, UnknownQueueError


def problems(raw):
    return dict(conf.parse(raw)[1])


def test_defaults_add_the_default_queue_on_the_default_broker():
    parsed, found = conf.parse({})
    assert found == []
    assert [q.name for q in parsed.queues] == ["default"]
    queue = parsed.queue("default")
    assert queue.broker.virtual_host == "/"
    assert queue.queue_arguments == {"x-max-priority": 10}
    assert queue.durable and queue.consumable and queue.concurrency == 1
    assert parsed.completed_log_retention_days == 3


def test_queue_inherits_default_broker_unless_it_names_a_host():
    parsed, _ = conf.parse(
        {
            "default_broker": "amqp://u:p@rabbit:5672/one",
            "queues": [{"name": "a"}, {"name": "b", "host": "amqp://u:p@other:5672/two"}],
        }
    )
    assert parsed.queue("a").broker.virtual_host == "one"
    assert parsed.queue("b").broker.host == "other:5672"


@pytest.mark.parametrize(
    ("raw", "key", "fragment"),
    [
        ({"queues": [{"name": "q", "concurrency": 0}]}, "CARROT['queues'][0]['concurrency']", "at least 1"),
        (
            {"queues": [{"name": "q", "concurrency": "2"}]},
            "CARROT['queues'][0]['concurrency']",
            "must be int",
        ),
        (
            {"queues": [{"name": "q", "consumable": "yes"}]},
            "CARROT['queues'][0]['consumable']",
            "must be bool",
        ),
        ({"queues": [{"concurrency": 1}]}, "CARROT['queues'][0]['name']", "non-empty string"),
        ({"queues": [{"name": "q", "colour": 1}]}, "CARROT['queues'][0]['colour']", "unknown key"),
        ({"queues": [{"name": "q"}, {"name": "q"}]}, "CARROT['queues'][1]['name']", "declared twice"),
        ({"queues": "default"}, "CARROT['queues']", "list of dicts"),
        (
            {"queues": [{"name": "q", "queue_arguments": {"x-max-priority": 256}}]},
            "CARROT['queues'][0]['queue_arguments']['x-max-priority']",
            "from 1 to 255",
        ),
        (
            {"queues": [{"name": "q", "queue_arguments": {"x-max-priority": "10"}}]},
            "CARROT['queues'][0]['queue_arguments']['x-max-priority']",
            "integer",
        ),
        ({"default_broker": "http://x"}, "CARROT['default_broker']", "not an AMQP URI"),
        ({"default_broker": "amqp://u:p@h:notaport/"}, "CARROT['default_broker']", "not a valid AMQP URI"),
        ({"monitor_authentication": "login_required"}, "CARROT['monitor_authentication']", "dotted paths"),
        ({"completed_log_retention_days": -1}, "CARROT['completed_log_retention_days']", ">= 0"),
        ({"failed_log_retention_days": -2}, "CARROT['failed_log_retention_days']", "0 keeps failed logs"),
        ({"task_modul": ["x"]}, "CARROT['task_modul']", "unknown key"),
        ({"scheduler_spread_seconds": 90}, "CARROT['scheduler_spread_seconds']", "from 0 (no spread) to 60"),
        ({"scheduler_spread_seconds": "10"}, "CARROT['scheduler_spread_seconds']", "must be float"),
        ({"metrics_token": "short"}, "CARROT['metrics_token']", "at least 16 characters"),
        ({"metrics_token": 1234567890123456}, "CARROT['metrics_token']", "a string"),
        ({"metrics_retention_days": -1}, "CARROT['metrics_retention_days']", ">= 0"),
        ({"metrics_retention_days": "8"}, "CARROT['metrics_retention_days']", "must be float"),
    ],
)
def test_each_bad_setting_names_its_key(raw, key, fragment):
    found = problems(raw)
    assert key in found, found
    assert fragment in found[key]


def test_bad_broker_never_shows_its_password():
    found = problems({"default_broker": "amqp://user:s3cret@host:99999999/"})
    assert "s3cret" not in str(found)


def test_get_settings_raises_naming_the_key():
    bad = {"queues": [{"name": "q", "concurrency": 0}]}
    pattern = r"CARROT\['queues'\]\[0\]\['concurrency'\]"
    with override_settings(CARROT=bad), pytest.raises(ConfigurationError, match=pattern):
        conf.get_settings()


def test_unknown_queue_lists_the_declared_ones():
    with pytest.raises(UnknownQueueError, match="declared: default"):
        conf.parse({})[0].queue("nope")


def test_system_check_reports_bad_settings():
    with override_settings(CARROT={"queues": [{"name": "q", "concurrency": 0}]}):
        errors = [e for e in run_checks() if e.id == "carrot.E001"]
    assert any("CARROT['queues'][0]['concurrency']" in e.msg for e in errors)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"queues": [{"name": "q", "consumer_class": "carrot.nope.Consumer"}]}, "cannot import"),
        ({"queues": [{"name": "q", "consumer_class": "carrot.conf.QueueSettings"}]}, "subclass"),
        ({"failure_callbacks": ["tests.tasks.nothing_here"]}, "cannot import"),
        ({"task_modules": ["tests.no_such_module"]}, "cannot import"),
    ],
)
def test_system_check_reports_bad_extension_points(raw, fragment):
    with override_settings(CARROT=raw):
        messages = [e.msg for e in run_checks() if e.id == "carrot.E001"]
    assert any(fragment in m for m in messages), messages


def test_the_test_settings_pass_the_checks():
    assert [e for e in run_checks() if e.id == "carrot.E001"] == []


def test_metrics_settings_default_to_no_token_and_eight_days():
    parsed, found = conf.parse({})
    assert found == []
    assert (parsed.metrics_token, parsed.metrics_retention_days) == (None, 8.0)
    token = "x" * 16
    assert conf.parse({"metrics_token": token, "metrics_retention_days": 0})[0].metrics_token == token
