"""An HTTP transport that ends every request, and every read of a reply's body, at the question's deadline."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx


class DeadlineTransport(httpx.BaseTransport):
    """Plain httpx transport whose requests fail with a read timeout once `deadline` (perf_counter) is past.

    A per-read limit alone lets a reply that trickles in byte by byte hold a connection, and the
    worker thread waiting on it, for as long as the server likes; this one checks the question's
    deadline before sending and between the chunks of the body."""

    def __init__(self, deadline: float) -> None:
        self._deadline = deadline
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request if time is left; the reply's body is read under the same deadline."""
        _check(self._deadline, request)
        response = self._inner.handle_request(request)
        if not isinstance(response.stream, httpx.SyncByteStream):
            return response  # never so for the sync transport; nothing to watch otherwise
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_DeadlineBody(response.stream, self._deadline, request),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Close the connections."""
        self._inner.close()


class _DeadlineBody(httpx.SyncByteStream):
    """A reply's body whose chunks stop coming once the deadline is past."""

    def __init__(self, inner: httpx.SyncByteStream, deadline: float, request: httpx.Request) -> None:
        self._inner, self._deadline, self._request = inner, deadline, request

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            _check(self._deadline, self._request)
            yield chunk

    def close(self) -> None:
        """Close the underlying stream (the connection goes back to the pool or is closed)."""
        self._inner.close()


def _check(deadline: float, request: httpx.Request) -> None:
    """Raise httpx's read timeout when the question's time is up."""
    if time.perf_counter() >= deadline:
        raise httpx.ReadTimeout("the question's time limit is reached", request=request)
