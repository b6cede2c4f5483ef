"""The task logs (:class:`~carrot.models.MessageLog`): the only code that reads or writes their rows.

Everything else asks these modules, as procrastinate's ``JobManager`` owns its job table: other
modules hold the logs these functions return (and may reload one with ``refresh_from_db``), but
never query, build, save or delete one themselves. Only :mod:`carrot.models` (the table) and the
migrations name ``MessageLog.objects`` outside this package (``tests/unit/test_log_owner.py`` fails
otherwise).

* :mod:`carrot.logs.write`: writing many logs in a few statements (``insert_logs``, ``update_logs``).
* :mod:`carrot.logs.outbox`: the publishing side: building a published log (``new_log``), the
  outbox mark until the broker confirmed its message, the publisher's failure marks, the relay's
  claims, and a requeue's claim of recorded logs (``claim_for_requeue``).
* :mod:`carrot.logs.runs`: a consumer's run in its log: found (or created for a message published
  without one), started, finished, saved, given up on, or failed without running.
* :mod:`carrot.logs.queries`: finding logs for the monitor, the API and the shell: by id or uuid,
  filters, search, keyset pages, counts per status, stuck logs, bulk actions in batches.
* :mod:`carrot.logs.retention`: deleting old completed (and, when asked, failed) logs.
* :mod:`carrot.logs.imported`: copies of django-carrot 1.x logs (which uuids are already here,
  inserting the copies) for the ``carrot_import_1x`` command.

The package imports neither the publishing side (:mod:`carrot.publishing`, :mod:`carrot.pipeline`)
nor the consumer, the scheduler or the GraphQL schema: they call it.
"""
