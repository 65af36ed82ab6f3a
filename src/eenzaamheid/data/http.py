"""HTTP for the OData client: one deadline per ``load()``, retries, and only the server asked.

A :class:`Connection` is one ``load()``'s link to CBS: a ``requests`` session whose sockets a
watchdog (:mod:`.deadline`) shuts at the deadline (so a server that never answers, or trickles
a byte at a time, costs at most the deadline), retries with back-off for dropped connections, timeouts, 5xx and
bodies that are not OData, and at most :data:`MAX_PARALLEL` requests at once. Every URL it
fetches must be on the scheme, host and port of the server it was opened for; an answer larger
than its limit (decompressed, counted while reading) is refused.
"""

from __future__ import annotations

import email.utils
import json
import logging
import re
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from ..errors import CbsDataError, CbsError, CbsTimeoutError, CbsUnavailableError, SettingsError
from .deadline import Adapter, Deadline, local

log = logging.getLogger(__name__)

MAX_PARALLEL = 4  # requests at once: polite to CBS
CONNECT_TIMEOUT = 10.0


class HttpStatus(Exception):
    """An answer with an HTTP error status; ``message``: the server's own explanation (CBS's
    ``odata.error``), ``wait``: the seconds its ``Retry-After`` asks for."""

    def __init__(self, status: int, url: str, message: str = "", wait: float | None = None):
        super().__init__(f"HTTP {status}")
        self.status, self.url, self.message, self.wait = status, url, message, wait
        self.too_long = False  # the wait asked for is longer than the deadline leaves


class NotOData(ValueError):
    """A 200 answer whose body is not an OData JSON object with a ``value`` list."""


def origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme, 0)
    return parts.scheme, (parts.hostname or "").lower(), port


class Connection:
    """One ``load()``'s requests to one server, within one deadline."""

    def __init__(
        self,
        server: str,
        *,
        table: str,
        timeout: float,
        read_timeout: float,
        retries: int,
        backoff: float,
        max_bytes: int,
        hint: str = "",
    ):
        self.server, self.table, self.hint = server, table, hint
        self.shown = redact(server)  # for messages: never a password
        self.read_timeout, self.retries, self.backoff = read_timeout, max(1, retries), backoff
        self.max_bytes = max_bytes  # of one answer, decompressed
        self.deadline = Deadline(timeout)
        self.session = requests.Session()
        self.session.trust_env = True
        adapter = Adapter(pool_maxsize=MAX_PARALLEL)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._origin = origin(server)

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.deadline.close()
        self.session.close()

    def same_origin(self, url: str, came_from: str) -> str:
        """``url`` resolved against the page it came from; refused when on another server."""
        absolute = urljoin(came_from, url)
        if origin(absolute) != self._origin:
            raise CbsDataError(
                f"{self.table}: the server at {self.shown} pointed to a page on another "
                f"server ({_short_url(redact(absolute))}); refused, nothing was cached. Check "
                "CBS_ODATA_URL, or try again later."
            )
        return absolute

    def map(self, func: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """``func`` over ``items``, at most :data:`MAX_PARALLEL` at once; the first error stops all."""
        items = list(items)
        if len(items) <= 1:
            return [func(item) for item in items]
        with ThreadPoolExecutor(min(MAX_PARALLEL, len(items))) as pool:
            futures = [pool.submit(func, item) for item in items]
            try:
                return [f.result() for f in futures]
            except BaseException:
                self.abort(futures)
                raise

    def abort(self, futures: Iterable[Any]) -> None:
        for future in futures:
            future.cancel()
        self.deadline.stop()

    def get_json(
        self,
        url: str,
        params: dict | None = None,
        *,
        what: str,
        on_404: CbsError | None = None,
        then: Callable[[dict], Any] | None = None,
    ) -> Any:
        """GET ``url`` and parse its OData JSON, with retries; errors become ``CbsError``.
        ``then`` turns the body into what is kept instead (raising :class:`NotOData` for an
        answer to ask again)."""
        url = self.same_origin(url, self.server + "/")
        error: Exception | None = None
        attempt = 0
        while attempt < self.retries and not self.deadline.stopped.is_set():
            attempt += 1
            try:
                body = self._get_once(url, params, what)
                kept = then(body) if then else odata_document(body)
                del body
                self.check_deadline(what)
                return kept
            except HttpStatus as exc:
                error = exc
                if exc.status == 404 and on_404 is not None:
                    raise on_404 from exc
                if exc.status < 500 and exc.status != 429:
                    break
                if exc.wait is not None and exc.wait >= self.deadline.remaining():
                    exc.too_long = True
                    break
            except (requests.RequestException, urllib3.exceptions.HTTPError, NotOData) as exc:
                error = exc
                if isinstance(
                    exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema
                ):
                    raise SettingsError(
                        f"CBS_ODATA_URL {self.shown!r} is not a usable URL ({redact(str(exc))}); "
                        "set it like https://opendata.cbs.nl or http://127.0.0.1:8008"
                    ) from exc
            delay = max(self.backoff * 2 ** (attempt - 1), getattr(error, "wait", None) or 0)
            stopped = self.deadline.stopped.is_set()
            if attempt < self.retries and self.deadline.remaining() > delay and not stopped:
                log.info(
                    "%s: %s failed (%s); retry in %.1f s", self.table, what, _kind(error), delay
                )
                self.deadline.stopped.wait(delay)  # an abort ends the wait
            else:
                break
        if self.deadline.expired:
            raise self.timeout_error(what) from error
        if self.deadline.stopped.is_set():
            raise CbsUnavailableError(f"{self.table}: {what}: stopped") from error
        raise self.unavailable(what, error, attempt) from error

    def _get_once(self, url: str, params: dict | None, what: str) -> bytearray:
        """One answer's body, decompressed, at most ``max_bytes``; what fails on the way that
        is not a CbsError becomes a requests exception (and so a retry or a CbsError)."""
        local.deadline = self.deadline
        try:
            return self._read(url, params, what)
        except (CbsError, requests.RequestException, HttpStatus):
            raise
        except (ValueError, OSError, zlib.error) as exc:  # e.g. "Invalid timeout" at the deadline
            raise requests.exceptions.ConnectionError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            local.deadline = None

    def _read(self, url: str, params: dict | None, what: str) -> bytearray:
        remaining = max(self.deadline.remaining(), 0.001)  # past it: the watchdog has shut it
        timeout = (min(CONNECT_TIMEOUT, remaining), min(self.read_timeout, remaining))
        with self.session.get(
            url, params=params, timeout=timeout, stream=True, allow_redirects=False
        ) as response:
            if response.status_code >= 300:
                raise HttpStatus(
                    response.status_code,
                    response.url,
                    _error_message(response),
                    _retry_after(response.headers.get("Retry-After")),
                )
            body = bytearray()
            for chunk in response.iter_content(1 << 16):  # decompressed as it comes
                body += chunk
                if len(body) > self.max_bytes:
                    raise self.too_large(what)
                if self.deadline.stopped.is_set():
                    raise requests.exceptions.ConnectionError("stopped at the deadline")
        return body

    def too_large(self, what: str) -> CbsDataError:
        return CbsDataError(
            f"{self.table}: {what} from CBS at {self.shown} holds more than "
            f"{self.max_bytes / 2**20:g} MiB (EENZAAMHEID_MAX_RESPONSE_MB); reading stopped, "
            "nothing was cached. Raise the limit if the table really is that large, or load "
            "a selection with filters= and select=."
        )

    def check_deadline(self, what: str) -> None:
        """Parsing and checking count against the deadline too."""
        if self.deadline.expired:
            raise self.timeout_error(what)

    def timeout_error(self, what: str) -> CbsTimeoutError:
        return CbsTimeoutError(
            f"{self.table}: CBS OData at {self.shown} did not deliver {what} within the "
            f"{self.deadline.seconds:g} s deadline; nothing was cached. Try again later, raise "
            "the limit with load(..., timeout=) or EENZAAMHEID_TIMEOUT, or work offline with "
            "source='cache', 'snapshot' or 'auto'."
        )

    def unavailable(self, what: str, error: Exception | None, attempts: int) -> CbsError:
        tries = "1 try" if attempts == 1 else f"{attempts} tries"
        reason = _kind(error)
        if isinstance(error, HttpStatus) and 300 <= error.status < 400:
            reason += ", a redirect: set CBS_ODATA_URL to the address it points to"
        error = CbsUnavailableError(
            f"{self.table}: CBS OData at {self.shown} could not deliver {what} after {tries} "
            f"({reason}){self.hint}. Saved data in the cache and data/snapshot/ is untouched; "
            "use source='cache', 'snapshot' or 'auto' to work offline."
        )
        error.reason = reason
        return error


def odata_document(body: bytes | bytearray) -> dict:
    """The JSON object of an OData answer; NotOData when it is not one."""
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise NotOData(f"an answer that is not OData: not JSON ({bytes(body[:40])!r}...)") from exc
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise NotOData("an answer that is not OData: JSON without an OData 'value' list")
    return document


def _kind(error: Exception | None) -> str:
    """A short name for a failure: the HTTP status, or what kind of network error."""
    if isinstance(error, HttpStatus):
        said = f": {error.message}" if error.message else ""
        if error.too_long:
            said += f", asked to wait {error.wait:g} s, longer than the deadline leaves"
        return f"HTTP {error.status}{said}"
    if isinstance(error, NotOData):
        return str(error)
    if isinstance(error, requests.exceptions.SSLError):
        return "TLS error"
    if isinstance(error, requests.Timeout):
        return "no answer in time"
    if isinstance(error, requests.exceptions.ContentDecodingError):
        return "a damaged compressed answer"
    if isinstance(
        error, requests.exceptions.ChunkedEncodingError | urllib3.exceptions.ProtocolError
    ):
        return "connection dropped mid-answer"
    if isinstance(error, requests.ConnectionError):
        cause = error.args[0] if error.args else None
        if isinstance(getattr(cause, "reason", None), urllib3.exceptions.NameResolutionError):
            return "server name not found"
        return "connection failed or dropped"
    return type(error).__name__ if error else "stopped"


def _error_message(response: requests.Response, limit: int = 1 << 16) -> str:
    """The explanation in an error answer (OData's ``odata.error.message``, a string or
    ``{"value": ...}``), on one line, at most 160 characters; "" when there is none."""
    try:
        document = json.loads(response.raw.read(limit, decode_content=True))
        error = document.get("odata.error") or document.get("error") or {}
        message = error.get("message") if isinstance(error, dict) else None
        if isinstance(message, dict):
            message = message.get("value")
    except (
        ValueError,
        OSError,
        AttributeError,
        requests.RequestException,
        urllib3.exceptions.HTTPError,
    ):
        return ""
    if not isinstance(message, str):
        return ""
    text = " ".join("".join(c if c.isprintable() else " " for c in message).split())
    return text if len(text) <= 160 else text[:157] + "..."


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)  # "-0000": UTC, says RFC 5322
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def redact(text: str) -> str:
    """``text`` with the password (and user) of any URL in it replaced by ``***``."""
    return re.sub(r"(://)[^/@\s]*@", r"\1***@", text)


def _short_url(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."
