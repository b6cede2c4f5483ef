"""A minimal client of django-carrot's GraphQL API for another service (standard library only).

Usage::

    client = CarrotClient("https://ops.example.com/carrot/", "svc-reports", "s3cret")
    task = client.publish("reports.tasks.build", args="2024, 'monthly'", kwargs='{"email": true}')
    print(client.failed_tasks(first=20))
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any


class CarrotError(Exception):
    """The API refused the request (GraphQL errors) or a mutation returned field errors."""


class CarrotClient:
    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base_url = base_url.rstrip("/") + "/"  # where the project includes carrot.urls
        self.username = username
        self.password = password
        self.token: str | None = None
        self.refresh_token: str | None = None

    def _post(self, path: str, query: str, variables: dict[str, Any], token: str | None) -> dict[str, Any]:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"JWT {token}"
        request = urllib.request.Request(  # noqa: S310 - the base URL is the caller's (https in production)
            self.base_url + path,
            data=json.dumps({"query": query, "variables": variables}).encode(),
            headers={
                "Content-Type": "application/json",
                **({"Authorization": f"JWT {token}"} if token else {}),
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - https in production
                body = json.load(response)
        except urllib.error.HTTPError as error:  # 400/401/403 carry a GraphQL error body
            body = json.load(error)
        if body.get("errors"):
            raise CarrotError("; ".join(e["message"] for e in body["errors"]))
        return body["data"]

    def log_in(self) -> None:
        """Get an access token (minutes) and a refresh token (days) with tokenAuth."""
        data = self._post(
            "graphql/auth",
            """mutation($u: String!, $p: String!) {
              tokenAuth(username: $u, password: $p) { success errors token refreshToken }
            }""",
            {"u": self.username, "p": self.password},
            token=None,
        )["tokenAuth"]
        if not data["success"]:
            raise CarrotError(f"login refused: {data['errors']}")
        self.token, self.refresh_token = data["token"], data["refreshToken"]

    def refresh(self) -> None:
        """Swap the refresh token for a new access token (and a new refresh token)."""
        data = self._post(
            "graphql/auth",
            "mutation($r: String!) { refreshToken(refreshToken: $r) { success errors token refreshToken } }",
            {"r": self.refresh_token},
            token=None,
        )["refreshToken"]
        if not data["success"]:
            raise CarrotError(f"refresh refused: {data['errors']}")
        self.token, self.refresh_token = data["token"], data["refreshToken"]

    def query(self, query: str, **variables: Any) -> dict[str, Any]:
        """Run a query or mutation; logs in, and refreshes an expired access token, as needed."""
        if self.token is None:
            self.log_in()
        try:
            return self._post("graphql", query, variables, self.token)
        except CarrotError as error:
            if "expired" not in str(error).lower():
                raise
            self.refresh()
            return self._post("graphql", query, variables, self.token)

    def publish(
        self, task: str, args: str = "", kwargs: str = "", queue: str | None = None
    ) -> dict[str, Any]:
        """Publish a registered task; returns the new task (uuid, status)."""
        result = self.query(
            """mutation($input: PublishTaskInput!) {
              publishTask(input: $input) { task { uuid status } errors { field message code } }
            }""",
            input={"task": task, "args": args, "kwargs": kwargs, "queue": queue},
        )["publishTask"]
        if result["errors"]:
            raise CarrotError(
                "; ".join(f"{e['field']}: {e['message']} ({e['code']})" for e in result["errors"])
            )
        return result["task"]

    def failed_tasks(self, first: int = 50, after: str | None = None) -> dict[str, Any]:
        """A page of failed tasks, newest first; pass ``pageInfo.endCursor`` as ``after`` for the next."""
        return self.query(
            """query($first: Int, $after: String) {
              tasks(filter: {status: FAILED}, first: $first, after: $after) {
                edges { node { uuid task exception failureTime } }
                pageInfo { hasNextPage endCursor }
              }
            }""",
            first=first,
            after=after,
        )["tasks"]

    def logout(self) -> None:
        """Revoke the refresh token for good (the access token expires on its own within minutes)."""
        if self.refresh_token:
            self._post(
                "graphql/auth",
                "mutation($r: String!) { revokeToken(refreshToken: $r) { success } }",
                {"r": self.refresh_token},
                token=None,
            )
        self.token = self.refresh_token = None
