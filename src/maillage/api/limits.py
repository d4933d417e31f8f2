"""Limits at the API's edge: which Host names are served (DNS rebinding), how fast one
client may ask (token bucket per address), and which request texts are refused before any
handler or database sees them (NUL characters, overlong URLs)."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from .errors import ApiError

ANY_HOST = "*"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# A JSON \u0000 escape: preceded by an even number of backslashes (none, or escaped ones).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def default_hosts(bind: str) -> tuple[str, ...]:
    """What a server bound to `bind` answers to unless told otherwise."""
    return tuple(dict.fromkeys([bind, *LOCAL_HOSTS]))


def host_name(header: str) -> str:
    """The name in a Host header, without its port ('[::1]:8000' → '::1')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_refusal(header: str, allowed: Iterable[str]) -> ApiError | None:
    hosts = {h.lower() for h in allowed}
    name = host_name(header)
    if ANY_HOST in hosts or name in hosts:
        return None
    return ApiError(
        400,
        "E214",
        f"this server does not answer to the host name '{name[:100]}'.",
        "Open it by an address it serves, or start it with --allowed-host NAME.",
    )


def text_refusal(path: str, raw_path: bytes, query: bytes, max_url_bytes: int) -> ApiError | None:
    """A NUL anywhere in the URL is 400; a URL longer than the cap is 414."""
    if len(raw_path) + len(query) > max_url_bytes:
        return ApiError(
            414,
            "E217",
            f"the request URL is longer than {max_url_bytes:,} bytes.",
            "Ask for less at once (MAILLAGE_MAX_URL_BYTES).",
        )
    if "\x00" in path or b"\x00" in unquote_to_bytes(raw_path + b"?" + query):
        return nul_refusal()
    return None


def body_refusal(body: bytes) -> ApiError | None:
    return nul_refusal() if b"\x00" in body or _JSON_NUL.search(body) else None


def nul_refusal() -> ApiError:
    return ApiError(
        400,
        "E216",
        "the request holds a NUL character, which no name, id or reason may contain.",
        "Remove it and send the request again.",
    )


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


@dataclass(slots=True)
class RateLimit:
    """A token bucket per client address: up to `per_minute` requests at once, refilled at
    `per_minute` a minute. Idle full buckets are forgotten, so memory stays bounded."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    max_clients: int = 10_000
    _buckets: dict[str, _Bucket] = field(default_factory=dict)

    def refusal(self, client: str) -> ApiError | None:
        wait = self._take(client)
        if wait <= 0:
            return None
        seconds = max(1, math.ceil(wait))
        return ApiError(
            429,
            "E215",
            f"too many requests from {client} (more than {self.per_minute} a minute).",
            f"Wait {seconds} s before the next one.",
            {"retry-after": str(seconds)},
        )

    def _take(self, client: str) -> float:
        """Spend one token; return 0, or how many seconds until one is there."""
        now, rate = self.clock(), self.per_minute / 60.0
        bucket = self._buckets.get(client) or self._new(client, now)
        bucket.tokens = min(self.per_minute, bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / rate

    def _new(self, client: str, now: float) -> _Bucket:
        if len(self._buckets) >= self.max_clients:
            self._forget_idle(now)
        bucket = self._buckets[client] = _Bucket(float(self.per_minute), now)
        return bucket

    def _forget_idle(self, now: float) -> None:
        full_after = 60.0  # a bucket left alone a minute is full again: nothing to remember
        idle = [c for c, b in self._buckets.items() if now - b.updated >= full_after]
        for client in idle or list(self._buckets)[: self.max_clients // 2]:
            del self._buckets[client]
