"""Run each recommender on its own: one that raises or overruns is left out.

Calls run on a small pool of daemon worker threads and are waited for until a
shared deadline. A call still running after the deadline cannot be stopped
(Python threads cannot be killed), so that recommender is skipped until it
returns, and a fresh worker replaces the one it holds. Daemon threads never
keep the kiosk from shutting down (a ``ThreadPoolExecutor`` would join a hung
worker at exit).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

log = logging.getLogger(__name__)


class Isolator:
    """Calls named functions within a time budget, isolating failures."""

    def __init__(self, budget_seconds: float | None = 0.15, workers: int = 8, *,
                 on_worker_exit: Callable[[], None] | None = None):
        self.budget_seconds = budget_seconds
        self._workers = workers
        self._on_worker_exit = on_worker_exit  # e.g. close the worker's own connection
        self._pool: _DaemonPool | None = None
        self._busy: dict[str, Future[Any]] = {}
        self._lock = threading.Lock()
        self.problems: list[tuple[str, str]] = []  # (name, "raised" | "timeout"), newest last

    def _start(self, call: Callable[[], Any]) -> Future[Any]:
        if self._pool is None:
            self._pool = _DaemonPool(self._workers, on_exit=self._on_worker_exit)
        return self._pool.submit(call)

    def _note(self, name: str, problem: str) -> None:
        self.problems.append((name, problem))
        del self.problems[:-100]

    def run(self, calls: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
        """Return name -> result for every call that finished in time without raising."""
        if self.budget_seconds is None:
            return self._run_inline(calls)
        results: dict[str, Any] = {}
        futures: dict[str, Future[Any]] = {}
        with self._lock:
            for name, call in calls.items():
                previous = self._busy.get(name)
                if previous is not None and not previous.done():
                    log.warning("recommender %r is still busy with an earlier call; left out",
                                name)
                    self._note(name, "timeout")
                    continue
                futures[name] = self._busy[name] = self._start(call)
        deadline = time.monotonic() + self.budget_seconds
        for name, future in futures.items():
            try:
                results[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                log.warning("recommender %r ran past its %.0f ms budget; left out",
                            name, self.budget_seconds * 1000)
                self._note(name, "timeout")
                if self._pool is not None and future.running():
                    self._pool.add_worker(limit=4 * self._workers)  # the stuck call holds one
            except Exception:
                log.exception("recommender %r failed; left out", name)
                self._note(name, "raised")
        return results

    def _run_inline(self, calls: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
        results = {}
        for name, call in calls.items():
            try:
                results[name] = call()
            except Exception:
                log.exception("recommender %r failed; left out", name)
                self._note(name, "raised")
        return results

    def close(self) -> None:
        """Forget running calls and end the worker threads (a hung one ends when its
        call returns). Using the isolator again starts a new pool."""
        with self._lock:
            self._busy.clear()
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()


class _DaemonPool:
    """Worker threads that take calls from a queue; daemons, so never joined at exit."""

    #: how long ``close`` waits for idle workers to end (a hung one is not waited for)
    CLOSE_WAIT = 2.0

    def __init__(self, workers: int, on_exit: Callable[[], None] | None = None):
        self._on_exit = on_exit
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = \
            queue.SimpleQueue()
        self._count = 0
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        for _ in range(workers):
            self.add_worker()

    def add_worker(self, limit: int | None = None) -> None:
        """One more worker, unless there are ``limit`` already."""
        with self._lock:
            if limit is not None and self._count >= limit:
                return
            self._count += 1
            thread = threading.Thread(target=self._work, name="recommender", daemon=True)
            self._threads.append(thread)
        thread.start()

    def submit(self, call: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()
        self._queue.put((future, call))
        return future

    def close(self) -> None:
        """End every worker once it is free; wait a little for the idle ones."""
        with self._lock:
            threads, self._threads = self._threads, []
        for _ in threads:
            self._queue.put(None)
        deadline = time.monotonic() + self.CLOSE_WAIT
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                if self._on_exit is not None:
                    try:
                        self._on_exit()
                    except Exception:
                        log.exception("a recommender worker could not clean up")
                return
            future, call = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call())
            except BaseException as error:
                future.set_exception(error)
