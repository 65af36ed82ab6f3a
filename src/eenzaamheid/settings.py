"""Every setting in one place: paths, chart theme and language, data source, CBS server.

Defaults come from the environment, read here and nowhere else:

=========================  ============================================  ======================
variable                   meaning                                       default
=========================  ============================================  ======================
``EENZAAMHEID_THEME``      chart theme: notebook, artikel, college       ``notebook``
``EENZAAMHEID_LANG``       language of every text a chart shows: nl, en  ``nl``
``EENZAAMHEID_SOURCE``     where ``load()`` gets data: auto, live,       ``auto``
                           cache, snapshot
``EENZAAMHEID_SNAPSHOT``   the committed snapshot                        ``data/snapshot``
``EENZAAMHEID_RAW``        unmodified raw files the snapshot is built    ``data/raw``
                           from
``EENZAAMHEID_CACHE``      downloads from CBS (and what the build        per-user cache folder
                           keeps: the web explorer's Vega bundle, the
                           PDF export's working fonts)
``EENZAAMHEID_FIGURES``    exported charts                               ``figures``
``EENZAAMHEID_BUILD``      the pages of the main job                     ``build``
``CBS_ODATA_URL``          the CBS OData server                          ``https://opendata.cbs.nl``
``EENZAAMHEID_TIMEOUT``    seconds one ``load()`` may wait for CBS, all  ``60``
                           requests together
=========================  ============================================  ======================

``EENZAAMHEID_MAX_RESPONSE_MB`` (default ``256``): MiB one answer from CBS may hold once
decompressed; a larger one is refused while it is read.

In a notebook, ``configure(theme="college", lang="en")`` changes them for this session; the
main job hands them to each notebook's kernel with :func:`as_environment`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parents[2]
THEMES = ("notebook", "artikel", "college")
LANGUAGES = ("nl", "en")
SOURCES = ("auto", "live", "cache", "snapshot")
DEFAULT_ODATA_URL = "https://opendata.cbs.nl"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RESPONSE_MB = 256.0


@dataclass(frozen=True)
class Settings:
    theme: str = "notebook"
    lang: str = "nl"
    source: str = "auto"
    snapshot_dir: Path = ROOT / "data" / "snapshot"
    raw_dir: Path = ROOT / "data" / "raw"
    cache_dir: Path = Path(platformdirs.user_cache_dir("eenzaamheid"))
    figures_dir: Path = ROOT / "figures"
    build_dir: Path = ROOT / "build"
    odata_url: str = DEFAULT_ODATA_URL
    timeout: float = DEFAULT_TIMEOUT
    max_response_mb: float = DEFAULT_MAX_RESPONSE_MB

    def __post_init__(self) -> None:
        for name, allowed in (("theme", THEMES), ("lang", LANGUAGES), ("source", SOURCES)):
            if getattr(self, name) not in allowed:
                raise ValueError(
                    f"unknown {name} {getattr(self, name)!r} ({_ENVIRONMENT[name]} or "
                    f"configure({name}=...)); choose one of {', '.join(allowed)}"
                )
        for name, unit in (("timeout", "seconds"), ("max_response_mb", "MiB")):
            object.__setattr__(self, name, _positive(getattr(self, name), name, unit))


def _positive(value: object, name: str, unit: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = float("nan")
    if not 0 < number < float("inf"):
        raise ValueError(
            f"{name} must be a positive number of {unit} ({_ENVIRONMENT[name]}), not {value!r}"
        )
    return number


_ENVIRONMENT = {
    "theme": "EENZAAMHEID_THEME",
    "lang": "EENZAAMHEID_LANG",
    "source": "EENZAAMHEID_SOURCE",
    "snapshot_dir": "EENZAAMHEID_SNAPSHOT",
    "raw_dir": "EENZAAMHEID_RAW",
    "cache_dir": "EENZAAMHEID_CACHE",
    "figures_dir": "EENZAAMHEID_FIGURES",
    "build_dir": "EENZAAMHEID_BUILD",
    "odata_url": "CBS_ODATA_URL",
    "timeout": "EENZAAMHEID_TIMEOUT",
    "max_response_mb": "EENZAAMHEID_MAX_RESPONSE_MB",
}
_overrides: dict[str, object] = {}


_VARIABLES = tuple(_ENVIRONMENT[f.name] for f in fields(Settings))


def _from_environment() -> Settings:
    return _settings(tuple(map(os.environ.get, _VARIABLES)))


@cache
def _settings(raw: tuple[str | None, ...]) -> Settings:
    """The settings for these environment values (made once: charts ask for every number)."""
    values: dict[str, object] = {}
    for field, value in zip(fields(Settings), raw, strict=True):
        if value:
            values[field.name] = Path(value) if field.name.endswith("_dir") else value
    return Settings(**values)


def current() -> Settings:
    """The settings in force: the environment, then what :func:`configure` changed."""
    base = _from_environment()
    return replace(base, **_overrides) if _overrides else base


def configure(**changes: object) -> Settings:
    """Change settings for this Python session, e.g. ``configure(theme="college", lang="en")``;
    ``configure()`` with no arguments goes back to the environment's settings."""
    if not changes:
        _overrides.clear()
        return current()
    unknown = set(changes) - set(_ENVIRONMENT)
    if unknown:
        raise ValueError(f"no setting {sorted(unknown)}; settings are {sorted(_ENVIRONMENT)}")
    candidate = replace(current(), **changes)  # validates before anything changes
    _overrides.update(changes)
    return candidate


@contextmanager
def configured(**changes: object) -> Iterator[Settings]:
    """Settings changed for a while (``with configured(lang="en"): ...``); afterwards exactly
    what was in force before, the environment included."""
    before = dict(_overrides)
    try:
        yield configure(**changes)
    finally:
        _overrides.clear()
        _overrides.update(before)


def as_environment(settings: Settings) -> dict[str, str]:
    """The settings as environment variables, for a notebook kernel started by the main job."""
    return {_ENVIRONMENT[f.name]: str(getattr(settings, f.name)) for f in fields(Settings)}
