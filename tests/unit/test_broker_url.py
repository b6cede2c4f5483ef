from urllib.parse import quote, unquote

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from carrot.broker_url import parse_broker
from carrot.errors import ConfigurationError

ANY_TEXT = st.text(st.one_of(st.characters(), st.sampled_from("%/@:?#2fF")), max_size=20)


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


def test_dict_defaults_are_those_of_1x():
    url = parse_broker({"name": "vh"})
    assert url.host == "localhost:5672" and url.virtual_host == "vh"
    assert url.parameters().credentials.username == "guest"


@pytest.mark.parametrize("name", ["%2f", "%2F", "/"])
def test_dict_name_of_1x_is_decoded_then_encoded_once(name):
    url = parse_broker({"host": "rabbit", "name": name})
    assert url.virtual_host == "/" and url.url.endswith(":5672/%2F")
    assert url.parameters().virtual_host == "/"


def test_dict_with_url_alone_is_that_url():
    assert parse_broker({"url": "amqp://u:p@rabbit:5672/vh"}).url == "amqp://u:p@rabbit:5672/vh"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"url": "amqp://u:p@rabbit:5672", "name": "%2f"}, "write them in the URL"),
        ({"url": 5672}, "must be an AMQP URI string"),
        ({"host": "rabbit", "hostname": "x"}, "unknown broker dict key(s) 'hostname'"),
        ({"host": None}, "must be a host name"),
        ({"host": "rabbit", "port": "amqp"}, "invalid broker dict"),
        ({"host": "rabbit", "password": "\ud800"}, "invalid broker dict"),
    ],
)
def test_bad_dict_says_what_is_wrong(raw, fragment):
    with pytest.raises(ConfigurationError) as caught:
        parse_broker(raw)
    assert fragment in str(caught.value)


@settings(max_examples=150, deadline=None)
@given(name=ANY_TEXT, username=ANY_TEXT, password=ANY_TEXT)
@example(name="%2f", username="guest", password="guest")
@example(name="a%2Fb%", username="u@x", password="p:%40/")
def test_any_dict_gives_the_broker_1x_meant_or_a_configuration_error(name, username, password):
    """The vhost is ``name`` decoded once (empty is ``/``), as 1.x connected; the credentials are verbatim."""
    raw = {"host": "rabbit", "name": name, "username": username, "password": password}
    try:
        url = parse_broker(raw)
    except ConfigurationError as exc:
        assert str(exc)
        return
    params = url.parameters()
    assert url.virtual_host == params.virtual_host == (unquote(name) or "/")
    assert (params.credentials.username, params.credentials.password) == (username, password)
    assert parse_broker({**raw, "name": quote(unquote(name), safe="")}) == url


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
