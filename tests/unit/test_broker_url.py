import pytest

from carrot.broker_url import parse_broker
from carrot.errors import ConfigurationError


@pytest.mark.parametrize("vhost_path", ["%2F", "%2f", ""])
def test_slash_vhost_spellings(vhost_path):
    assert parse_broker(f"amqp://guest:guest@localhost:5672/{vhost_path}").virtual_host == "/"


def test_named_vhost_and_parameters():
    url = parse_broker("amqp://u:p@rabbit.example:5673/prod%2Fone?heartbeat=10")
    assert url.virtual_host == "prod/one"
    assert url.host == "rabbit.example:5673"
    params = url.parameters()
    assert params.virtual_host == "prod/one"
    assert params.heartbeat == 10


def test_display_hides_the_password():
    url = parse_broker("amqp://carrot:hunter2@rabbit:5672/%2F")
    assert url.display == "amqp://carrot:***@rabbit:5672/%2F"
    assert "hunter2" not in url.display


def test_dict_form_of_1x():
    url = parse_broker({"host": "rabbit", "port": 5672, "name": "vh", "username": "u", "password": "p@ss"})
    assert url.virtual_host == "vh"
    assert url.parameters().credentials.password == "p@ss"
    assert "p@ss" not in url.display and "p%40ss" not in url.display


def test_dict_without_host_is_refused():
    with pytest.raises(ConfigurationError, match="host"):
        parse_broker({"port": 5672})


@pytest.mark.parametrize("port", [5671, None])
def test_dict_form_of_1x_with_secure_gives_amqps_and_tls(port):
    raw = {"host": "rabbit", "name": "vh", "username": "u", "password": "p", "secure": True}
    url = parse_broker(raw if port is None else {**raw, "port": port})
    assert url.url.startswith("amqps://") and url.host == "rabbit:5671"
    params = url.parameters()
    assert params.ssl_options is not None and params.port == 5671


def test_dict_form_of_1x_without_secure_is_plain_amqp():
    params = parse_broker({"host": "rabbit", "secure": False}).parameters()
    assert params.ssl_options is None and params.port == 5672
