"""Errors that name the problem and the fix.

Every failure a user can cause or meet is a :class:`CbsError`: its message is one line saying
what happened, which table, and what to do. ``python -m eenzaamheid`` prints that line and
exits non-zero (``--debug`` shows the traceback).
"""

from __future__ import annotations


class CbsError(Exception):
    """Base class for every error this package raises on purpose."""

    def __str__(self) -> str:  # one line, whatever the message was built from
        return " ".join(str(self.args[0]).split()) if self.args else ""


class UnknownTableError(CbsError, ValueError):
    """The table id is malformed, unknown to CBS, or not in the snapshot or cache."""


class UnknownFieldError(CbsError, KeyError):
    """A dimension, topic or code the caller asked for is not in the table."""


class AmbiguousLabelError(UnknownFieldError):
    """A filter value is the label of more than one code; the message lists them."""


class InvalidArgumentError(CbsError, TypeError, ValueError):
    """An argument of the wrong kind, e.g. filters given as text or a filter value of None."""


class SettingsError(CbsError, ValueError):
    """A setting (environment variable or ``configure``) has a value that cannot be used."""


class CbsUnavailableError(CbsError, ConnectionError):
    """CBS could not be reached or answered with something unusable."""

    reason = ""  # a few words on why, for the warning of ``source="auto"``'s fallback


class CbsTimeoutError(CbsUnavailableError, TimeoutError):
    """CBS did not deliver within the deadline of one ``load()`` (``timeout``)."""


class CbsDataError(CbsUnavailableError):
    """CBS answered, but the answer does not fit the table's metadata (a topic or dimension
    missing, a page from another server, a value that is not a number); nothing was kept."""


class CorruptStoreError(CbsError, OSError):
    """A cached or snapshot file is damaged (checksum, format or metadata)."""


class CacheWriteWarning(UserWarning):
    """The cache folder cannot be written: the data is returned but not kept."""
