"""The claim register: each figure the book states, checked against the data.

The book's figures are in ``seeds/claims.yaml``; every verdict here is computed from data:
``bevestigd`` (the data at their published precision show the book's figure), ``past bij
afgeronde cijfers`` (only a rounded figure exists and the book's value lies in its interval),
``wijkt af`` (by how much, and the likely reason) or ``niet te controleren`` (no data at hand:
which data would settle it). A claim whose figure holds but whose words claim more than the
data show (``wording`` in the register) is ``getal klopt, woorden overdreven``.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml

from .. import settings
from ..charts.words import category, listed, say
from ..data import load
from .checks import CHECKS, TABLES_USED, not_clearly_highest
from .verdicts import (
    CONFIRMED,
    DIFFERS,
    FITS_ROUNDED,
    OVERSTATED,
    SEVERITY,
    UNCHECKABLE,
    ClaimData,
    ClaimResult,
    Loader,
    Part,
    amount,
    decimals,
    number,
    population,
    words,
)

CLAIMS_FILE = settings.ROOT / "seeds" / "claims.yaml"
__all__ = [
    "CONFIRMED",
    "DIFFERS",
    "FITS_ROUNDED",
    "OVERSTATED",
    "UNCHECKABLE",
    "ClaimData",
    "ClaimResult",
    "Part",
    "check_claims",
    "claim",
    "claims_table",
    "population",
    "read_claims",
    "verdict_words",
]


def _summary(claim: dict, parts: list[Part], data: ClaimData) -> ClaimResult:
    verdict = max((p.verdict for p in parts), key=SEVERITY.get)
    main = _main(parts, verdict)
    explanation = "; ".join(
        f"{category(words(p.label))}: {category(p.verdict)} ({p.explanation})" for p in parts
    )
    if verdict in (CONFIRMED, FITS_ROUNDED):
        for part, overstated in zip(parts, _overstated(claim, parts, data), strict=True):
            part.overstated = overstated
    overstated = "; ".join(p.overstated for p in parts if p.overstated)
    if overstated:
        verdict = OVERSTATED
        main = _main(parts, verdict)
        wording = claim["wording"]
        explanation += say(
            nl=f"; de woorden '{wording['says']}' overdrijven: {overstated}",
            en=f"; the words '{wording['says_en']}' overstate: {overstated}",
        )
    if claim.get("note"):
        note = say(nl=claim["note"], en=claim["note_en"])
        explanation += f". {say(nl='Let op', en='Note')}: {note}"
    if claim.get("citation"):
        explanation += f". {say(nl='Bron', en='Source')}: {claim['citation']}"
    return ClaimResult(
        claim["id"],
        claim["where"],
        claim["says"],
        verdict,
        main.book_value,
        main.data_value,
        main.unit,
        explanation,
        parts,
        [f"CBS {t}" for t in TABLES_USED[claim["check"]]],
        says_en=claim["says_en"],
    )


def _overstated(claim: dict, parts: list[Part], data: ClaimData) -> list[str]:
    """For each part: what the data give against the words the book puts beside its figures
    (``wording`` in the register), or ``""`` when they bear them out: a least share (``bijna
    de helft``, ``at_least``) or the highest of every year measured (``highest``)."""
    wording = claim.get("wording")
    if not wording:
        return [""] * len(parts)
    if wording.get("highest"):
        return not_clearly_highest(claim, data)
    least = amount(wording["at_least"], "%")
    return [
        say(
            nl=f"wij lezen die als minstens {least}, de data geven {p.data_text()}",
            en=f"we read them as at least {least}, the data give {p.data_text()}",
        )
        if p.data_value is not None and p.data_value < wording["at_least"]
        else ""
        for p in parts
    ]


def verdict_words(result: ClaimResult) -> str:
    """A claim's verdict in the build language; where part of it cannot be checked and the
    rest can, each verdict with the figures it holds for (``niet te controleren: 1947;
    bevestigd: 2017``): the one verdict would hide what the data do confirm."""
    kinds = list(dict.fromkeys(p.verdict for p in result.parts))
    if result.verdict != UNCHECKABLE or len(kinds) <= 1:
        return category(result.verdict)
    labels = {
        kind: [category(words(p.label)) for p in result.parts if p.verdict == kind]
        for kind in kinds
    }
    return "; ".join(f"{category(kind)}: {listed(labels[kind])}" for kind in kinds)


def _main(parts: list[Part], verdict: str) -> Part:
    """The part a claim's verdict comes from: its first part with that verdict (or, for words
    that overstate, whose words do)."""
    found = (p for p in parts if p.verdict == verdict or (verdict == OVERSTATED and p.overstated))
    return next(found, parts[0])


def read_claims(path: Path = CLAIMS_FILE) -> list[dict]:
    """The register, parsed once per text of the file (a notebook asks for a claim per
    figure); each caller gets its own copy to change."""
    return copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def _parsed(text: str) -> list[dict]:
    return yaml.safe_load(text)


def claim(claim_id: str, path: Path = CLAIMS_FILE) -> dict:
    """One entry of the register, e.g. ``claim("B8")["values"]``: the book's own figures."""
    for entry in read_claims(path):
        if entry["id"] == claim_id:
            return entry
    raise KeyError(f"no claim {claim_id!r} in {path}")


def check_claims(loader: Loader = load, path: Path = CLAIMS_FILE) -> list[ClaimResult]:
    """Check every claim in the register against the data that ``loader`` returns."""
    data = ClaimData(loader)
    return [_summary(c, CHECKS[c["check"]](c, data), data) for c in read_claims(path)]


def claims_table(results: list[ClaimResult]) -> str:
    """The register as a plain-text table (``python -m eenzaamheid claims``)."""
    lines = [f"{'id':<4} {'oordeel':<31} {'boek':>12} {'data':>12}  toelichting"]
    for r in results:  # each figure with the decimals it has: a rounded 11 is no 11,0
        main = _main(r.parts, r.verdict)
        book = number(main.book_value, decimals(main.book_precision))
        data = (
            "—"
            if main.data_value is None
            else number(main.data_value, decimals(main.data_precision))
        )
        lines.append(f"{r.id:<4} {r.verdict:<31} {book:>12} {data:>12}  {r.explanation}")
    return "\n".join(lines)
