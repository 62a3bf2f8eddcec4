"""HTTP/1.1 transport: one keep-alive connection (http:// or https://), JSON in and out,
problem+json errors as typed exceptions, streamed uploads and downloads.

Thread safety: a Transport serialises its requests with a lock, so it may be shared; the metric
sender of each run uses its own Transport so training threads never wait behind it.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import ssl
import threading
import urllib.parse
from typing import IO, Any, Callable, Mapping

from ._version import __version__
from .errors import ConnectionFailed, error_from_response

_UPLOAD_BLOCK = 1 << 20
_RETRYABLE_SEND = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                   http.client.CannotSendRequest, http.client.BadStatusLine)


class Response:
    """A 2xx reply: status, headers (lower-case names) and body bytes."""

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = dict(headers)
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class Transport:
    def __init__(self, url: str, token: str | None = None, user: str | None = None,
                 ca_file: str | None = None, timeout: float = 60.0) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError(f"URL {url!r} must look like http[s]://host[:port]")
        self.url = url.rstrip("/")
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname
        self._port = parsed.port or (443 if self._https else 80)
        self._prefix = parsed.path.rstrip("/")
        self._timeout = timeout
        self._ssl = ssl.create_default_context(cafile=ca_file) if self._https else None
        self._headers = {"User-Agent": f"cairn-python/{__version__}",
                         "Accept": "application/json, application/problem+json"}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        if user:
            self._headers["X-Cairn-User"] = user
        self._conn: http.client.HTTPConnection | None = None
        self._used = False
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._used = False

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            if self._https:
                self._conn = http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout,
                                                         context=self._ssl, blocksize=_UPLOAD_BLOCK)
            else:
                self._conn = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout,
                                                        blocksize=_UPLOAD_BLOCK)
            self._used = False
        return self._conn

    def request(self, method: str, path: str, *, json_body: Any = None, body: bytes | IO[bytes] | None = None,
                headers: Mapping[str, str] | None = None, content_length: int | None = None,
                download: IO[bytes] | None = None, rewind: Callable[[], None] | None = None) -> Response:
        """Sends one request; returns a 2xx Response or raises ApiError / ConnectionFailed.

        A reused keep-alive connection that turns out to be closed is reopened and the request
        sent once more (for file bodies only when `rewind` can reset the file)."""
        h = dict(self._headers)
        if json_body is not None:
            body = json.dumps(json_body, separators=(",", ":"), allow_nan=False).encode()
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        if content_length is not None:
            h["Content-Length"] = str(content_length)
        elif body is not None and isinstance(body, (bytes, bytearray)):
            h["Content-Length"] = str(len(body))
        elif body is None and method in ("POST", "PUT", "PATCH"):
            h["Content-Length"] = "0"
        target = self._prefix + path
        with self._lock:
            for attempt in (0, 1):
                conn = self._connection()
                reused = self._used
                try:
                    conn.request(method, target, body=body, headers=h)
                    resp = conn.getresponse()
                    self._used = True
                    status = resp.status
                    resp_headers = {k.lower(): v for k, v in resp.getheaders()}
                    if 200 <= status < 300 and download is not None:
                        while True:
                            chunk = resp.read(_UPLOAD_BLOCK)
                            if not chunk:
                                break
                            download.write(chunk)
                        data = b""
                    else:
                        data = resp.read()
                    if resp.will_close:
                        self._drop()
                except _RETRYABLE_SEND as e:
                    self._drop()
                    can_resend = body is None or isinstance(body, (bytes, bytearray)) or rewind is not None
                    if attempt == 0 and reused and can_resend:
                        if rewind is not None:
                            rewind()
                        continue
                    raise ConnectionFailed(f"{method} {self.url}{path}: {e}") from e
                except (OSError, http.client.HTTPException) as e:
                    self._drop()
                    raise ConnectionFailed(f"{method} {self.url}{path}: {e}") from e
                if 200 <= status < 300:
                    return Response(status, resp_headers, data)
                raise error_from_response(status, data, resp_headers.get("retry-after"))
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(self, path: str) -> Any:
        return self.request("GET", path).json()

    def send_json(self, method: str, path: str, body: Any, if_match: int | None = None) -> Any:
        headers = {"If-Match": str(if_match)} if if_match is not None else None
        return self.request(method, path, json_body=body, headers=headers).json()

    def upload_file(self, method: str, path: str, file: str | os.PathLike[str], content_type: str) -> Any:
        """Streams a file as the body (never read into memory whole)."""
        size = os.path.getsize(file)
        with open(file, "rb") as f:
            return self.request(method, path, body=f, content_length=size,
                                headers={"Content-Type": content_type}, rewind=lambda: f.seek(0)).json()


def quote(segment: str, keep_slash: bool = False) -> str:
    """Percent-encodes one path segment (or a multi-segment artifact path)."""
    return urllib.parse.quote(segment, safe="/" if keep_slash else "")


def query(**params: Any) -> str:
    """?a=1&b=x for the parameters that are not None."""
    items = [(k, str(v).lower() if isinstance(v, bool) else str(v)) for k, v in params.items() if v is not None]
    return "?" + urllib.parse.urlencode(items) if items else ""


def is_connection_error(e: BaseException) -> bool:
    return isinstance(e, (ConnectionFailed, socket.timeout, ConnectionError))
