"""Errors that name the problem and the fix."""

from __future__ import annotations


class CbsError(Exception):
    """Base class for every error this package raises on purpose."""


class UnknownTableError(CbsError, ValueError):
    """The table id is malformed, unknown to CBS, or not in the snapshot."""


class UnknownFieldError(CbsError, KeyError):
    """A dimension, topic or code the caller asked for is not in the table."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0]) if self.args else ""


class CbsUnavailableError(CbsError, ConnectionError):
    """CBS could not be reached or answered with something unusable."""


class CorruptStoreError(CbsError, OSError):
    """A cached or snapshot file is damaged (checksum or format)."""
