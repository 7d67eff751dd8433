"""Request body size limit (413 beyond it), checked before and while the body is read.

A declared Content-Length over the limit is refused at once; a chunked body is counted as it
arrives, so a client cannot stream more than the limit into memory either way.
"""
from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY = 1_000_000


def error_body(status: int, error: str, detail) -> bytes:
    """The JSON of every error response: {"status", "error", "detail"}."""
    return json.dumps({"status": status, "error": error, "detail": detail}).encode("utf-8")


class BodySizeLimit:
    """ASGI middleware: HTTP requests may carry at most `max_bytes` of body."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"request body over {self.max_bytes} bytes"
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await _refuse(send, too_large)
                    return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # raised inside the app, so the app's error handlers turn it into JSON
                    raise HTTPException(413, too_large)
            return message

        await self.app(scope, counting_receive, send)


async def _refuse(send: Send, detail: str) -> None:
    body = error_body(413, "Content Too Large", detail)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
