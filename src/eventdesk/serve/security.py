"""Who may write, and proof that a form was sent by the workbench's own page.

Reads are open (the server binds to loopback by default). Writes need the token given when the
server started: the JSON API takes it as `Authorization: Bearer TOKEN`; a browser signs in once
with it and gets a session cookie (HttpOnly, SameSite=Strict). Tokens are compared in constant
time and never logged or echoed. Every form carries a CSRF token, an HMAC of the browser's
session (or, before sign-in, of a random per-browser cookie) under a secret made at start, so a
page on another site can neither read it nor forge it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "eventdesk_session"
BROWSER_COOKIE = "eventdesk_browser"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in browser: the analyst's name goes on every decision it stores."""

    analyst: str


@dataclass(slots=True)
class WriteGuard:
    """The write token, the CSRF secret and the sessions of signed-in browsers (in memory)."""

    token: str | None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    sessions: dict[str, Session] = field(default_factory=dict)

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"WriteGuard(writes={'on' if self.token else 'off'}, sessions={len(self.sessions)})"

    @property
    def writes_enabled(self) -> bool:
        return bool(self.token)

    def token_matches(self, candidate: str | None) -> bool:
        """Whether `candidate` is the write token (constant time; always False with writes off)."""
        if not self.token or candidate is None:
            return False
        return hmac.compare_digest(candidate.encode("utf-8"), self.token.encode("utf-8"))

    def bearer_matches(self, request: Request) -> bool:
        """Whether the request carries `Authorization: Bearer <write token>`."""
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self.token_matches(value.strip())

    def open_session(self, analyst: str) -> str:
        """A new session id for a browser that presented the token."""
        session_id = secrets.token_urlsafe(32)
        self.sessions[session_id] = Session(analyst=analyst)
        return session_id

    def session(self, request: Request) -> Session | None:
        """The signed-in session of this browser, if any."""
        session_id = request.cookies.get(SESSION_COOKIE)
        return self.sessions.get(session_id) if session_id else None

    def close_session(self, request: Request) -> None:
        session_id = request.cookies.get(SESSION_COOKIE)
        if session_id:
            self.sessions.pop(session_id, None)

    def _csrf_subject(self, request: Request) -> str | None:
        return request.cookies.get(SESSION_COOKIE) or request.cookies.get(BROWSER_COOKIE)

    def csrf_token(self, request: Request, *, browser_id: str | None = None) -> str:
        """The CSRF token forms on this browser's pages must send back."""
        subject = self._csrf_subject(request) or browser_id or ""
        return hmac.new(self.secret, subject.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_valid(self, request: Request, submitted: str | None) -> bool:
        """Whether a submitted form's CSRF token is this browser's (and the request same-origin)."""
        subject = self._csrf_subject(request)
        if not subject or not submitted or not _same_origin(request):
            return False
        return hmac.compare_digest(submitted, self.csrf_token(request))


def _same_origin(request: Request) -> bool:
    """A browser's Origin header, when it names a site, must name this server.

    A missing or `null` Origin (privacy settings, no-referrer policies) passes: the CSRF token is
    the check that counts; this one only turns away forms posted from a named foreign site.
    """
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def ensure_browser_cookie(request: Request, response: Response, browser_id: str | None) -> None:
    """Give a browser without a session its random CSRF subject cookie."""
    if browser_id and not request.cookies.get(BROWSER_COOKIE):
        response.set_cookie(BROWSER_COOKIE, browser_id, httponly=True, samesite="strict", path="/")


def set_session_cookie(response: Response, session_id: str) -> None:
    response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="strict", path="/")
