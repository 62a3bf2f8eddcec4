"""Typed errors raised by the Cairn SDK.

Every error reply of the API is an RFC 9457 ``application/problem+json`` document; the SDK turns
it into an :class:`ApiError` subclass chosen by the HTTP status, so callers can write::

    try:
        client.experiments.create("churn")
    except cairn.Conflict:
        pass  # it exists already
    except cairn.ValidationError as e:
        for f in e.errors:
            print(f.field, f.message)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CairnError",
    "ConnectionFailed",
    "ApiError",
    "ValidationError",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "PreconditionFailed",
    "PayloadTooLarge",
    "RateLimited",
    "ServerError",
    "ServiceUnavailable",
    "FieldError",
    "error_from_response",
]


class CairnError(Exception):
    """Base class of every error the SDK raises."""


class ConnectionFailed(CairnError):
    """The server could not be reached (refused, reset, timed out, TLS failure)."""


@dataclass(frozen=True)
class FieldError:
    """One field-level problem of a rejected request (``errors[]`` of a 400)."""

    field: str
    message: str


class ApiError(CairnError):
    """The server answered with an error status.

    Attributes:
        status: the HTTP status (404, 409, ...).
        title: the problem's short title ("Not Found").
        detail: the human-readable explanation.
        code: the stable machine-readable code ("not_found", "failed_precondition", ...).
        errors: field errors (for validation failures).
        body: the raw problem document (a dict), or None when the body was not JSON.
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        code: str = "",
        errors: list[FieldError] | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.code = code
        self.errors = errors or []
        self.body = body
        text = f"{title} ({status})"
        if detail:
            text += f": {detail}"
        super().__init__(text)


class ValidationError(ApiError):
    """400: the request was malformed or invalid; :attr:`errors` names the fields."""


class Unauthorized(ApiError):
    """401: missing, invalid, expired or revoked credentials."""


class Forbidden(ApiError):
    """403: the caller is known but not allowed (role, four-eyes rule)."""


class NotFound(ApiError):
    """404: no such resource."""


class Conflict(ApiError):
    """409: duplicate name, illegal state transition or governance rule."""


class PreconditionFailed(ApiError):
    """412: the resource changed since the revision given in If-Match."""


class PayloadTooLarge(ApiError):
    """413: the body is over the server's limit."""


class RateLimited(ApiError):
    """429: too many requests; :attr:`retry_after` is the suggested wait in seconds."""

    retry_after: float | None = None


class ServerError(ApiError):
    """5xx: the server failed."""


class ServiceUnavailable(ServerError):
    """503: the server (or its storage) is temporarily unavailable; retrying may help."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    412: PreconditionFailed,
    413: PayloadTooLarge,
    429: RateLimited,
    503: ServiceUnavailable,
}


def error_from_response(status: int, body: bytes, retry_after: str | None = None) -> ApiError:
    """Builds the typed error for an error reply (problem+json or not)."""
    doc: dict[str, Any] | None = None
    try:
        parsed = json.loads(body.decode("utf-8")) if body else None
        if isinstance(parsed, dict):
            doc = parsed
    except (UnicodeDecodeError, ValueError):
        doc = None
    title = str(doc.get("title", "")) if doc else ""
    detail = str(doc.get("detail", "")) if doc else body[:300].decode("utf-8", "replace")
    code = str(doc.get("code", "")) if doc else ""
    errors = []
    if doc and isinstance(doc.get("errors"), list):
        for e in doc["errors"]:
            if isinstance(e, dict):
                errors.append(FieldError(str(e.get("field", "")), str(e.get("message", ""))))
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    err = cls(status, title or f"HTTP {status}", detail, code, errors, doc)
    if isinstance(err, RateLimited) and retry_after:
        try:
            err.retry_after = float(retry_after)
        except ValueError:
            pass
    return err
