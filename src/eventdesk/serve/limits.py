"""Oversized requests are refused before anything reads them (issue 9).

FastAPI reads a whole request body into memory before validating it, so a field's `max_length`
does not stop a client from sending a gigabyte. This ASGI middleware refuses a body whose
Content-Length is over the limit with 413 before the app runs, counts the bytes of bodies sent
without one (chunked) and stops at the limit, and refuses query strings over their limit with 414.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# A decision (the largest thing a client sends) is a few hundred bytes; a form about as much.
MAX_BODY_BYTES = 64 * 1024
# Filters, search words and paging fit well within this.
MAX_QUERY_BYTES = 8 * 1024


class _TooLarge(Exception):  # noqa: N818  (internal signal, never leaves this module)
    pass


class RequestLimits:
    """Refuse request bodies over `max_body_bytes` (413) and query strings over `max_query_bytes`
    (414)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int = MAX_BODY_BYTES,
        max_query_bytes: int = MAX_QUERY_BYTES,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_query_bytes = max_query_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query_bytes:
            await _refuse(send, 414, f"query string over {self.max_query_bytes} bytes")
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_body_bytes
            except ValueError:
                await _refuse(send, 400, "invalid Content-Length")
                return
            if too_large:
                await _refuse(send, 413, f"request body over {self.max_body_bytes} bytes")
                return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _TooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, f"request body over {self.max_body_bytes} bytes")


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
