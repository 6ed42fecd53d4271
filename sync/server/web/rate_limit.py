"""A sliding-window count of events per client address, in memory and per process: the public look-ups'
limit (``/lacak``, ``/verifikasi``). A restart forgets it, which is harmless for a limit that only slows
a scraper down; the enrollment limit, which guards codes, is kept in the database instead
(sync/server/enroll_limits.py). With several workers each process gets its share of the limit
(web/public.py ``lookups_per_process``)."""

from __future__ import annotations

import threading
import time
from collections import deque


class SlidingWindowLimit:
    """At most ``limit`` events per address in ``window_s`` seconds; past that ``blocked`` says how long to wait."""

    def __init__(self, limit: int, window_s: float):
        self.limit, self.window_s = limit, window_s
        self._events: dict[str, deque] = {}
        self._lock = threading.Lock()

    def _recent(self, who: str, now: float) -> deque:
        q = self._events.setdefault(who, deque())
        while q and q[0] < now - self.window_s:
            q.popleft()
        return q

    def blocked(self, who: str) -> int:
        """Seconds to wait, or 0 when ``who`` may go on."""
        now = time.monotonic()
        with self._lock:
            q = self._recent(who, now)
            return int(q[0] + self.window_s - now) + 1 if len(q) >= self.limit else 0

    def count(self, who: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(who, now).append(now)
            if len(self._events) > 10_000:  # forget the quiet ones; a flood must not grow memory
                for key in [k for k, q in self._events.items() if not q]:
                    del self._events[key]
