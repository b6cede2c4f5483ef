"""Driving GraphiQL's editors in the browser tests, as a person does: typing and the run button."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def run_in_graphiql(page: Any, query: str) -> str:
    """Replace the query in GraphiQL's editor with ``query``, run it, return the response's text."""
    editor = page.locator(".graphiql-query-editor .CodeMirror")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Delete")
    # The editor closes each bracket as it opens; typing the closing one steps over it.
    page.keyboard.type(query)
    response = page.locator(".graphiql-response .CodeMirror")
    page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()
    expect(response).to_contain_text('"data"')
    text: str = response.inner_text()
    return text
