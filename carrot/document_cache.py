"""GraphQL documents already parsed and validated, kept by their text so a repeated query skips both.

The monitor sends the same few documents over and over with other variables; parsing one of them
and validating it against the schema costs about half a millisecond, every time, for the same
answer. A :class:`DocumentCache` keeps the documents that passed validation, least recently used
first out. Documents with errors are never kept: they are parsed and validated again on each request,
so their errors are exactly what a fresh validation reports.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from graphql import DocumentNode

MAX_DOCUMENTS = 256
"""Documents kept per schema; the monitor's UI sends fewer than 20 distinct ones."""
MAX_CHARACTERS = 50_000
"""Characters of query text kept per schema, which bounds the memory of the parsed trees too: a tree
takes 40 to 150 bytes per character of its text (measured with graphql-core 3.2, the most for a
document of fragment spreads), so at most about 8 MB; the UI's documents take about 0.5 MB."""


class DocumentCache:
    """A bounded, thread-safe LRU map from (query text, validation rules) to a validated document.

    The rules are part of the key because a document valid under one depth limit (or with
    introspection allowed) may be invalid under another; pass the same hashable object for the same
    rules. Only put a document that parsed and validated without errors under those rules.
    """

    def __init__(self, max_documents: int = MAX_DOCUMENTS, max_characters: int = MAX_CHARACTERS) -> None:
        self.max_documents = max_documents
        self.max_characters = max_characters
        self._documents: OrderedDict[tuple[str, Hashable], DocumentNode] = OrderedDict()
        self._characters = 0
        self._lock = threading.Lock()

    def get(self, query: str, rules: Hashable) -> DocumentNode | None:
        """The validated document of ``query`` under ``rules``, or ``None`` if it is not kept."""
        key = (query, rules)
        with self._lock:
            document = self._documents.get(key)
            if document is not None:
                self._documents.move_to_end(key)
            return document

    def put(self, query: str, rules: Hashable, document: DocumentNode) -> None:
        """Keep ``document`` (valid under ``rules``), dropping the least recently used beyond the bounds.

        A query longer than :attr:`max_characters` on its own is not kept.
        """
        if len(query) > self.max_characters:
            return
        key = (query, rules)
        with self._lock:
            if key in self._documents:
                self._documents.move_to_end(key)
                return
            self._documents[key] = document
            self._characters += len(query)
            while len(self._documents) > self.max_documents or self._characters > self.max_characters:
                (old_query, _), _ = self._documents.popitem(last=False)
                self._characters -= len(old_query)

    def __len__(self) -> int:
        return len(self._documents)

    @property
    def characters(self) -> int:
        """Characters of query text kept now."""
        return self._characters

    def clear(self) -> None:
        with self._lock:
            self._documents.clear()
            self._characters = 0
