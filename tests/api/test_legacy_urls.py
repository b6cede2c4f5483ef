"""django-carrot 1.x's REST paths answer 404 with a pointer to the GraphQL API, not the monitor's page."""

import pytest

PATHS_1X = [
    "api/message-logs/published/",
    "api/message-logs/failed/",
    "api/message-logs/completed/",
    "api/message-logs/purge/",
    "api/message-logs/requeue/",
    "api/message-logs/42/",
    "api/scheduled-tasks/",
    "api/scheduled-tasks/task-choices/",
    "api/scheduled-tasks/validate-args/",
    "api/scheduled-tasks/7/",
    "api/scheduled-tasks/7/run/",
]


@pytest.mark.parametrize("path", PATHS_1X)
@pytest.mark.parametrize("method", ["get", "post"])
def test_each_1x_path_points_to_the_graphql_api(client, path, method):
    response = getattr(client, method)(f"/carrot/{path}")
    assert response.status_code == 404
    body = response.json()
    assert body["graphql"] == "/carrot/graphql" and body["docs"] == "upgrading"
    assert f"/carrot/{path} of 1.x is replaced by the GraphQL API at /carrot/graphql" in body["error"]


def test_the_pointer_names_the_graphql_url_under_any_prefix(client):
    assert client.get("/ops/monitor/api/scheduled-tasks/").json()["graphql"] == "/ops/monitor/graphql"


@pytest.mark.parametrize("path", ["", "failed", "scheduled", "api"])
def test_the_monitor_still_serves_its_own_routes(client, path):
    response = client.get(f"/carrot/{path}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
