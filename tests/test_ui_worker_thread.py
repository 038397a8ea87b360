"""Regression: a window's worker keeps one thread, so the store's connection for that
thread is made once.

The store hands each thread its own SQLite connection (``threading.local``). PySide runs
each job of a ``QThreadPool`` with a fresh Python thread state, so the worker's thread
looked new to the store at every job: every search, customer page and consent check
opened one more connection that nothing closed. The staff tablet grew by about 0.8 MB
and two file descriptors per job (``benchmarks/staff_ui_bench.py``: +66 MB over 30
client pages) until it could open no file.
"""

from __future__ import annotations

import psutil
import pytest

pytest.register_assert_rewrite("staffstore", "staff_ui_support")

from staff_ui_support import client_rows, settle, sign_in  # noqa: E402

pytest_plugins = ["staffstore", "staff_ui_support"]

JOBS = 30


def test_every_job_of_a_worker_reads_through_one_connection(qtbot, kiosk):
    from kiosk.ui.workers import Worker

    worker = Worker()
    process = psutil.Process()
    seen = []

    def job():
        kiosk.db.execute("SELECT count(*) FROM customers").fetchone()
        return kiosk.db

    worker.run(job, success=seen.append)      # the worker's connection, made once
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5000)
    files = process.num_fds()
    for _ in range(JOBS):
        worker.run(job, success=seen.append)
    qtbot.waitUntil(lambda: len(seen) == JOBS + 1, timeout=10000)
    assert all(db is seen[0] for db in seen), (
        f"{len({id(db) for db in seen})} connections for {JOBS + 1} jobs of one worker")
    assert seen[0] is not kiosk.db, "the jobs ran off this thread"
    assert process.num_fds() <= files + 1


def test_browsing_clients_keeps_the_tablets_open_files(qtbot, staff_store, tablets):
    window = tablets.open(staff_store)
    sign_in(qtbot, window)
    window.nav.buttons["book"].click()
    settle(qtbot, window)
    process = psutil.Process()
    files = process.num_fds()
    for i in range(10):
        window.nav.buttons["book"].click()
        settle(qtbot, window)
        client_rows(window)[i].click()
        settle(qtbot, window)
        assert window.current() == "customer"
    assert process.num_fds() <= files + 2, "10 client pages opened 10 more connections"


def test_a_finished_job_leaves_nothing_behind(qtbot):
    import gc

    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    from kiosk.ui.workers import Worker, _Relay

    worker = Worker()
    done = []
    for i in range(JOBS):
        worker.run(lambda i=i: i, success=done.append)
    worker.run(lambda: 1 / 0, success=done.append, failure=done.append)
    qtbot.waitUntil(lambda: len(done) == JOBS + 1, timeout=10000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(10)
    gc.collect()
    # (the failure's traceback still names the last relay, dead: its C++ object is gone)
    relays = [o for o in gc.get_objects() if isinstance(o, _Relay) and shiboken6.isValid(o)]
    assert len(relays) == 0, f"{len(relays)} relays (and their callbacks) still alive"
