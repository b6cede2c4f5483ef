"""Task metrics: per-minute rollups kept as tasks finish, and the Prometheus endpoint that reads them.

- :mod:`carrot.metrics.rollups` counts task events in each process's memory (as :mod:`carrot.signals`
  sends them) and adds them to the database every few seconds, one row per minute, queue
  and task, and one running total per queue and task;
- :mod:`carrot.metrics.exposition` renders the totals, queue depths and workers in Prometheus' text
  format for ``<prefix>/metrics``.
"""
