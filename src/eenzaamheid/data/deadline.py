"""One deadline per ``load()``: a watchdog that shuts, at the deadline, every socket the load's
requests opened (so a read blocked on a silent or trickling server returns at once), and the
``requests`` adapter whose connections register their sockets with it."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import urllib3
from requests.adapters import HTTPAdapter

local = threading.local()  # the deadline of the request running on this thread


class Deadline:
    """Seconds left for one ``load()``; at the end, every socket it watches is shut."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.stopped = threading.Event()  # deadline passed, or another request failed for good
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.stop)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)
        if self.stopped.is_set():
            self._shut(sock)

    def stop(self) -> None:
        """Stop every request of this load: shut the sockets (a blocked read returns)."""
        self.stopped.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # the plain call: safe on a TLS socket being read
            socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()


def _watched(base: type) -> type:
    class Watched(base):
        def connect(self) -> None:
            super().connect()
            deadline = getattr(local, "deadline", None)
            if deadline is not None and self.sock is not None:
                deadline.watch(self.sock)

    return Watched


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _watched(urllib3.connection.HTTPConnection)


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _watched(urllib3.connection.HTTPSConnection)


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class Adapter(HTTPAdapter):
    """requests' adapter with connections whose sockets the deadline watches."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = _POOLS
        return manager
