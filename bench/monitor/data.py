"""Task logs written straight into PostgreSQL, a million unless asked: one ``INSERT ... SELECT``.

Statuses are drawn at random per row (90 % ``COMPLETED``, 5 % ``FAILED``, 5 % queued: 4 % ``PUBLISHED``
and 1 % ``IN_PROGRESS``), so every tab's rows are spread over the whole id range as they are when
a queue backs up now and then. Task names follow a skewed spread over 20 paths (the most common about
22 % of rows, the rarest about 2.6 %) plus one rare path (0.1 %) for the search that has to look far.
Failed logs carry an exception and a traceback; arguments and keyword arguments are small JSON.
"""

from __future__ import annotations

import subprocess
import time

ROWS = 1_000_000
TASKS = (
    "shop.tasks.send_order_email",
    "shop.tasks.update_stock",
    "shop.tasks.charge_card",
    "accounts.tasks.send_welcome_email",
    "accounts.tasks.sync_profile",
    "reports.tasks.build_daily_report",
    "reports.tasks.export_csv",
    "search.tasks.reindex_product",
    "search.tasks.reindex_category",
    "media.tasks.make_thumbnail",
    "media.tasks.transcode_video",
    "billing.tasks.create_invoice",
    "billing.tasks.send_reminder",
    "crm.tasks.push_contact",
    "crm.tasks.pull_deals",
    "notifications.tasks.push_mobile",
    "notifications.tasks.send_sms",
    "analytics.tasks.aggregate_hour",
    "analytics.tasks.flush_events",
    "cleanup.tasks.purge_sessions",
)
COMMON_TASK = "billing.tasks.create_invoice"
"""A task path searched for in the benchmark: about 3.4 % of rows."""
RARE_TASK = "legal.tasks.archive_contract"
"""A task path with 0.1 % of rows: a search for it reads far down the list before a page fills."""
EXCEPTIONS = (
    "ValueError: invalid literal for int() with base 10: 'n/a'",
    "TimeoutError: timed out after 30 seconds talking to the payment gateway",
    "KeyError: 'customer_id'",
    "ConnectionError: [Errno 111] Connection refused",
)


def _sql_array(values: tuple[str, ...]) -> str:
    quoted = ("'" + value.replace("'", "''") + "'" for value in values)
    return "ARRAY[" + ", ".join(quoted) + "]"


def load_sql(rows: int) -> str:
    """The statements that write ``rows`` logs."""
    return f"""
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
SELECT setseed(0.42);
INSERT INTO carrot_messagelog (
    status, uuid, task, task_args, content, priority, queue, exchange, routing_key, virtual_host,
    publish_time, start_time, completion_time, failure_time, output, exception, traceback, log,
    worker, attempts, redelivered, retries, history
)
SELECT
    r.status,
    md5(r.i::text)::uuid::text,
    CASE WHEN r.rare < 0.001 THEN '{RARE_TASK}'
         ELSE ({_sql_array(TASKS)})[1 + floor(power(r.pick, 2) * {len(TASKS)})::int] END,
    jsonb_build_array(r.i, 'order-' || (r.i % 100000), r.pick < 0.5),
    jsonb_build_object('to', 'user' || (r.i % 5000) || '@example.com', 'retry', r.pick < 0.2),
    0,
    CASE WHEN r.q < 0.80 THEN 'default' WHEN r.q < 0.95 THEN 'emails' ELSE 'reports' END,
    '',
    CASE WHEN r.q < 0.80 THEN 'default' WHEN r.q < 0.95 THEN 'emails' ELSE 'reports' END,
    '/',
    r.published,
    CASE WHEN r.status <> 'PUBLISHED' THEN r.published + interval '150 milliseconds' END,
    CASE WHEN r.status = 'COMPLETED' THEN r.published + (r.pick * 3 + 0.2) * interval '1 second' END,
    CASE WHEN r.status = 'FAILED' THEN r.published + (r.pick * 3 + 0.2) * interval '1 second' END,
    CASE WHEN r.status = 'COMPLETED' THEN 'None' ELSE '' END,
    CASE WHEN r.status = 'FAILED' THEN ({_sql_array(EXCEPTIONS)})[1 + (r.i % {len(EXCEPTIONS)})] ELSE '' END,
    CASE WHEN r.status = 'FAILED' THEN
        'Traceback (most recent call last):' || chr(10)
        || '  File "/srv/app/carrot/runner.py", line 120, in run' || chr(10)
        || '    output = func(*args, **kwargs)' || chr(10)
        || '  File "/srv/app/shop/tasks.py", line ' || (r.i % 400) || ', in task' || chr(10)
        || ({_sql_array(EXCEPTIONS)})[1 + (r.i % {len(EXCEPTIONS)})]
    ELSE '' END,
    CASE WHEN r.pick < 0.1 AND r.status IN ('COMPLETED', 'FAILED') THEN jsonb_build_array(jsonb_build_object(
        'time', r.published, 'level', 'INFO', 'levelno', 20, 'logger', 'shop.tasks',
        'message', 'processed order ' || r.i)) ELSE '[]'::jsonb END,
    CASE WHEN r.status = 'PUBLISHED' THEN '' ELSE 'worker-' || (r.i % 4) || ':4242:Thread-' || (r.i % 8) END,
    CASE WHEN r.status = 'PUBLISHED' THEN 0 ELSE 1 END,
    false,
    0,
    '[]'::jsonb
FROM (
    SELECT
        s.i,
        random() AS pick,
        random() AS q,
        random() AS rare,
        now() - ({rows} - s.i) * interval '2 seconds' AS published,
        CASE WHEN s.u < 0.90 THEN 'COMPLETED' WHEN s.u < 0.95 THEN 'FAILED'
             WHEN s.u < 0.99 THEN 'PUBLISHED' ELSE 'IN_PROGRESS' END AS status
    FROM (SELECT i, random() AS u FROM generate_series(1, {rows}) AS i) AS s
) AS r
ORDER BY r.i;
"""


def psql(database: str, sql: str, *options: str) -> str:
    """Run ``sql`` in ``database`` as user postgres; returns what psql printed (unaligned, tuples only)."""
    done = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            *options,
        ],
        input=sql,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"psql failed in {database}: {done.stderr[-2000:]}")
    return done.stdout


def load(database: str, rows: int = ROWS) -> dict[str, int]:
    """Fill ``database`` (migrated) with ``rows`` logs, vacuum and analyze; returns rows per status."""
    psql(database, load_sql(rows))
    vacuum(database)
    rows = psql(database, "SELECT status, count(*) FROM carrot_messagelog GROUP BY status ORDER BY 1;")
    return {status: int(n) for status, n in (line.split("|") for line in rows.split())}


def vacuum(database: str, attempts: int = 5) -> None:
    """``VACUUM ANALYZE`` until the visibility map covers the table, as autovacuum keeps a settled one.

    A ``VACUUM`` cannot mark pages all-visible while another session's snapshot predates the load
    (other work on a shared server), and without that no count is an index-only scan.
    """
    for _ in range(attempts):
        psql(database, "VACUUM ANALYZE carrot_messagelog;")
        visible, pages = psql(
            database, "SELECT relallvisible, relpages FROM pg_class WHERE relname = 'carrot_messagelog';"
        ).split("|")
        if int(visible) >= 0.99 * int(pages):
            return
        time.sleep(3)
    print(f"[bench] warning: only {visible} of {pages} pages are all-visible after VACUUM", flush=True)
