"""Passages in the other language carry their own ``lang``: the book's quotes stay Dutch on
an English page (claim register, tables, prose), a study's English title stays English on a
Dutch page. A paragraph, list item, caption or table cell is in a language when it holds at
least two of that language's own words and more of them than of the other's."""

from __future__ import annotations

import re

WORDS = {  # short words one language has and the other does not
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "van",
            "en",
            "niet",
            "dat",
            "met",
            "voor",
            "zijn",
            "ook",
            "als",
            "maar",
            "bij",
            "naar",
            "uit",
            "wordt",
            "geen",
            "zich",
            "dan",
            "nog",
            "deze",
            "dit",
            "heeft",
            "hebben",
            "tot",
            "tussen",
            "onder",
            "worden",
            "kan",
            "meer",
            "hun",
            "haar",
            "wel",
            "dus",
            "omdat",
            "waar",
            "wat",
            "hoe",
            "welke",
            "je",
            "ze",
            "er",
            "op",
            "te",
            "om",
            "door",
            "werd",
            "voelde",
            "voelt",
            "procent",
            "jaar",
            "jaren",
            "miljoen",
            "mensen",
            "ongeveer",
            "bijna",
            "helft",
            "tijdens",
            "betekent",
            "eenzaam",
            "gaan",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "to",
            "are",
            "were",
            "not",
            "that",
            "with",
            "for",
            "from",
            "by",
            "as",
            "this",
            "which",
            "than",
            "more",
            "their",
            "its",
            "also",
            "but",
            "there",
            "these",
            "those",
            "has",
            "have",
            "been",
            "be",
            "people",
            "year",
            "years",
            "million",
            "about",
            "almost",
            "half",
            "during",
            "means",
            "lonely",
            "into",
            "how",
            "what",
            "who",
        ]
    ),
}
_WORD = re.compile(r"[a-zà-ÿ']+")
_PASSAGE = re.compile(r"<(p|li|td|th|figcaption|h[1-6])((?:\s[^>]*)?)>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def language(text: str) -> str | None:
    """``"nl"`` or ``"en"`` when the text is clearly in that language, else ``None``."""
    found = set(_WORD.findall(text.lower()))
    nl, en = len(found & WORDS["nl"]), len(found & WORDS["en"])
    if max(nl, en) < 2 or nl == en:
        return None
    return "nl" if nl > en else "en"


def mark(html: str, lang: str) -> str:
    """``html`` of a page in ``lang`` with ``lang="…"`` on every passage in the other
    language (one that already says its language is left as it is)."""

    def one(match: re.Match) -> str:
        tag, attributes, inner = match.groups()
        found = language(_TAG.sub(" ", inner))
        if found in (None, lang) or " lang=" in attributes:
            return match.group(0)
        return f'<{tag}{attributes} lang="{found}">{inner}</{tag}>'

    return _PASSAGE.sub(one, html)
