"""The monitor works with ``graphql_introspection`` off: its GraphQL client adds ``__typename`` to every
selection, which stays allowed, while the schema itself is refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def test_the_monitor_lists_and_opens_tasks_with_introspection_off(
    monitor: str, page: Any, settings: Any
) -> None:
    settings.CARROT = {**settings.CARROT, "graphql_introspection": False}
    log = publish_message("tests.tasks.chatty")
    wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status=MessageLog.COMPLETED).exists(),
        timeout=30,
        what="the task to complete",
    )
    schema = page.request.post(
        monitor + "graphql",
        data={"query": "{ __schema { queryType { name } } }"},
        headers={"Origin": monitor},
    )
    assert schema.status == 400 and "introspection" in schema.text()

    page.goto(monitor + "completed")
    expect(page.get_by_test_id("count-completed")).to_have_text("1")
    row = page.locator(f'[data-uuid="{log.uuid}"]')
    expect(row).to_contain_text("tests.tasks.chatty")
    row.click()
    expect(page).to_have_url(re.compile(f"selected={log.uuid}"))
    detail = page.get_by_test_id("task-detail")
    expect(detail).to_contain_text("tests.tasks.chatty")
    expect(detail.get_by_test_id("task-output")).to_contain_text("done")
    expect(detail.get_by_test_id("task-log")).to_contain_text("an info line")
