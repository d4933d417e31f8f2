"""`maillage serve`: uvicorn with deadlines on slow clients.

uvicorn closes idle keep-alive connections but waits forever for a request's headers or
body, so a few clients sending one byte a minute (slowloris) hold every connection. Here
each connection must send its headers within `header_timeout_s` of its first byte and its
body within `body_timeout_s` of the headers, or it gets 408 and is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT_BODY = b'{"error": {"code": "E218", "message": "the request took too long to arrive."}}'
_TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
    b"Content-Length: %d\r\n\r\n%s" % (len(_TIMEOUT_BODY), _TIMEOUT_BODY)
)


class DeadlineProtocol(H11Protocol):
    """H11Protocol with a header deadline and a body deadline (set on a subclass)."""

    header_timeout_s = 10.0
    body_timeout_s = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._phase: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._watch()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._set(None, 0.0)  # idle between requests: uvicorn's keep-alive timeout applies

    def connection_lost(self, exc: Exception | None) -> None:
        self._set(None, 0.0)
        super().connection_lost(exc)

    def _watch(self) -> None:
        """Arm the deadline of what the client still has to send, once per phase (a client
        that sends one byte at a time does not push its deadline back)."""
        state = self.conn.their_state
        if state is h11.IDLE:
            phase, seconds = "headers", self.header_timeout_s
        elif state is h11.SEND_BODY:
            phase, seconds = "body", self.body_timeout_s
        else:
            phase, seconds = "answering", 0.0  # the request is in: the app takes its time
        if phase != self._phase:
            self._set(phase, seconds)

    def _set(self, phase: object, seconds: float) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        self._phase = phase
        if seconds > 0:
            self._deadline = self.loop.call_later(seconds, self._expire)

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.write(_TIMEOUT_ANSWER)
            self.transport.close()


def deadline_protocol(header_timeout_s: float, body_timeout_s: float) -> type[DeadlineProtocol]:
    return type(
        "ConfiguredDeadlineProtocol",
        (DeadlineProtocol,),
        {"header_timeout_s": header_timeout_s, "body_timeout_s": body_timeout_s},
    )
