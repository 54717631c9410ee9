"""Login throttling: failed attempts counted per account and per client, in a sliding window.

Per account stops guessing one password from many addresses; per client stops one address
trying many accounts. Both tables are bounded (oldest keys dropped), so the throttle's own
memory cannot be exhausted by attempts with made-up names.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW = 15 * 60.0
PER_ACCOUNT = 5
PER_CLIENT = 20
MAX_KEYS = 10_000


class LoginThrottle:
    """Counts failures; refuses further attempts while a limit is reached."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        per_account: int = PER_ACCOUNT,
        per_client: int = PER_CLIENT,
    ) -> None:
        self._clock = clock
        self._limits = {"account": per_account, "client": per_client}
        self._lock = threading.Lock()
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()

    def allowed(self, account: str, client: str) -> bool:
        """Whether an attempt for ``account`` from ``client`` may be checked now."""
        with self._lock:
            return all(
                len(self._recent((kind, key))) < self._limits[kind]
                for kind, key in (("account", account), ("client", client))
            )

    def failed(self, account: str, client: str) -> None:
        """Count a failed attempt against both the account and the client."""
        now = self._clock()
        with self._lock:
            for key in (("account", account), ("client", client)):
                self._recent(key).append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > MAX_KEYS:
                self._failures.popitem(last=False)

    def succeeded(self, account: str) -> None:
        """A good password clears the account's failures (not the client's)."""
        with self._lock:
            self._failures.pop(("account", account), None)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and self._clock() - times[0] > WINDOW:
            times.popleft()
        return times
