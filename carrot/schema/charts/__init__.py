"""The dashboard's charts: runs, failures and run-time percentiles over time (``taskStats``)."""
