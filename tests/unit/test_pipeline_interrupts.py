"""An exception the watchdog raises in a task's thread never leaves the publishing pipeline's lock held.

A time limit or a cancel is raised in the task's thread at the start of whatever Python function it
runs next; a task that publishes may be inside the pipeline then. ``Condition.__exit__`` is such a
function, so ``with condition:`` would leave the lock held and hang every publisher of the process.
"""

import ctypes
import threading
import time

from carrot.errors import TimeLimitExceeded
from carrot.pipeline import Pipeline


def _flush_until_interrupted(
    pipeline: Pipeline, ready: threading.Event, stopped: list[BaseException]
) -> None:
    ready.set()
    try:
        while True:
            pipeline.flush()
            pipeline.pending()
    except TimeLimitExceeded as exc:
        stopped.append(exc)


def test_interrupts_landing_anywhere_in_flush_leave_the_lock_free():
    pipeline = Pipeline()
    for _ in range(300):
        ready, stopped = threading.Event(), []
        thread = threading.Thread(target=_flush_until_interrupted, args=(pipeline, ready, stopped))
        thread.start()
        ready.wait()
        time.sleep(0.0005)
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(TimeLimitExceeded)
        )
        thread.join(5)
        assert not thread.is_alive() and len(stopped) == 1
        assert pipeline._lock.acquire(timeout=1), "an interrupt left the pipeline's lock held"
        pipeline._lock.release()
