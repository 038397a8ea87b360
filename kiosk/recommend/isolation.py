"""Run each recommender on its own: one that raises or overruns is left out.

Each call runs in its own daemon thread and is waited for until a shared
deadline. A call still running after the deadline cannot be stopped (Python
threads cannot be killed), so that recommender is skipped until it returns;
being a daemon thread, it never keeps the kiosk from shutting down (a
``ThreadPoolExecutor`` would join it at exit).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

log = logging.getLogger(__name__)


class Isolator:
    """Calls named functions within a time budget, isolating failures."""

    def __init__(self, budget_seconds: float | None = 0.15):
        self.budget_seconds = budget_seconds
        self._busy: dict[str, Future[Any]] = {}
        self._lock = threading.Lock()
        self.problems: list[tuple[str, str]] = []  # (name, "raised" | "timeout"), newest last

    @staticmethod
    def _start(call: Callable[[], Any]) -> Future[Any]:
        future: Future[Any] = Future()

        def work() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(call())
            except BaseException as error:
                future.set_exception(error)

        threading.Thread(target=work, name="recommender", daemon=True).start()
        return future

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
        """Forget running calls (their daemon threads end on their own)."""
        with self._lock:
            self._busy.clear()
