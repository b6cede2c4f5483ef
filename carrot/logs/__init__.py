"""The task logs (:class:`~carrot.models.MessageLog`): the only code that reads or writes their rows.

Everything else asks these modules, as procrastinate's ``JobManager`` owns its job table:

* :mod:`carrot.logs.write`: writing many logs in a few statements (``insert_logs``, ``update_logs``).
* :mod:`carrot.logs.outbox`: the publishing outbox: a published log's mark until the broker confirmed
  its message, the publisher's failure marks, and the relay's claims.
* :mod:`carrot.logs.runs`: a consumer's run in its log: found, started, finished, saved, or failed
  without running.
* :mod:`carrot.logs.queries`: finding logs for the monitor and the shell: filters, search, keyset
  pages, counts per status, bulk actions in batches.
* :mod:`carrot.logs.retention`: deleting old completed logs.

This package imports neither the publishing side (:mod:`carrot.publishing`, :mod:`carrot.pipeline`)
nor the consumer, the scheduler or the GraphQL schema: they call it.
"""
