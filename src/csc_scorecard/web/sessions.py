"""Server-side sessions: the cookie carries only a random id and its HMAC signature.

Everything else (the account, the CSRF token) stays in memory here, so a stolen or forged cookie
gives nothing a guessed id would not, and logging out really ends the session. A new id is
issued at login (no session fixation). Sessions end after :data:`IDLE` without use or
:data:`LIFETIME` in all; the table is bounded, oldest dropped first, so a flood of anonymous
visits cannot exhaust memory. A restart ends every session: the signing key lives in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from csc_scorecard.web.users import User

IDLE = 30 * 60.0
LIFETIME = 8 * 3600.0
MAX_SESSIONS = 10_000


@dataclass(frozen=True)
class Session:
    """One browser's session; ``user`` is None until it logs in."""

    id: str
    csrf: str
    user: User | None
    started: float
    seen: float


class Sessions:
    """The in-memory session table."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._key = secrets.token_bytes(32)
        self._clock = clock
        self._lock = threading.Lock()
        self._table: OrderedDict[str, Session] = OrderedDict()

    def start(self, user: User | None = None) -> Session:
        """A new session with a fresh id and CSRF token."""
        now = self._clock()
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), user, now, now)
        with self._lock:
            self._table[session.id] = session
            while len(self._table) > MAX_SESSIONS:
                self._table.popitem(last=False)
        return session

    def end(self, session_id: str) -> None:
        """Forget the session (logout, or its replacement at login)."""
        with self._lock:
            self._table.pop(session_id, None)

    def cookie(self, session: Session) -> str:
        """The cookie value: the id and its signature."""
        return f"{session.id}.{self._sign(session.id)}"

    def find(self, cookie: str | None) -> Session | None:
        """The live session a cookie names, touched; None for a forged, ended or expired one."""
        if not cookie or "." not in cookie:
            return None
        session_id, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(session_id)):
            return None
        now = self._clock()
        with self._lock:
            session = self._table.get(session_id)
            if session is None:
                return None
            if now - session.seen > IDLE or now - session.started > LIFETIME:
                del self._table[session_id]
                return None
            touched = replace(session, seen=now)
            self._table[session_id] = touched
            self._table.move_to_end(session_id)
        return touched

    def _sign(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()
