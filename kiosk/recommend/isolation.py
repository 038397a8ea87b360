"""Run each recommender on its own: one that raises or overruns is left out.

Calls run in a thread pool and are waited for until a shared deadline. A call
still running after the deadline cannot be stopped (Python threads cannot be
killed), so that recommender is skipped until it returns.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

log = logging.getLogger(__name__)


class Isolator:
    """Calls named functions within a time budget, isolating failures."""

    def __init__(self, budget_seconds: float | None = 0.15, workers: int = 8):
        self.budget_seconds = budget_seconds
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._busy: dict[str, Future[Any]] = {}
        self._lock = threading.Lock()
        self.problems: list[tuple[str, str]] = []  # (name, "raised" | "timeout"), newest last

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self._workers,
                                            thread_name_prefix="recommender")
        return self._pool

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
                futures[name] = self._busy[name] = self._executor().submit(call)
        deadline = time.monotonic() + self.budget_seconds
        for name, future in futures.items():
            try:
                results[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except FutureTimeout:
                log.warning("recommender %r ran past its %.0f ms budget; left out",
                            name, self.budget_seconds * 1000)
                self._note(name, "timeout")
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
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
