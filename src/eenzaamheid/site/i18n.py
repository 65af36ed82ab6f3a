"""The English edition of the stories: the Dutch notebook prose stays the source, its English
lives in a gettext catalogue, ``locale/en/LC_MESSAGES/stories.po``, one entry per paragraph,
heading, list item or table row (msgctxt: the notebook's stem; msgid: the Dutch text with its
whitespace normalised). A translator works on that file in Poedit or Weblate::

    python -m eenzaamheid.site.i18n update   # notebooks -> stories.pot -> stories.po
    python -m eenzaamheid.site.i18n check    # every entry translated, not fuzzy, in step

The build reads the ``.po`` directly (no compiled ``.mo``); a paragraph without a finished
translation stops it with a message naming the notebook and cell.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .. import settings
from ..errors import CbsError
from .listing import notebooks

LOCALE = settings.ROOT / "locale"
TEMPLATE = LOCALE / "stories.pot"
CATALOGUE = LOCALE / "en" / "LC_MESSAGES" / "stories.po"
HEADER = """\
# English edition of the eenzaamheid stories (notebooks 00-10): one entry per paragraph,
# heading, list item or table row of the Dutch markdown (msgctxt: the notebook).
# Update with `make translations`; a missing or fuzzy entry stops the English build.
#"""
FIX = "run `make translations` and translate it in locale/en/LC_MESSAGES/stories.po"

_VERBATIM = re.compile(r"^\s*(\|[\s:|-]+\|?|\$\$.*|<!--.*-->)\s*$")  # table rules, math, comments
_MARKER = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+|(\d+)[.)]\s+|>\s?))(?=\S)")
_KEPT = re.compile(r"`[^`]*`|\$[^$]+\$|\]\([^)]*\)|\d+")  # what a translation must keep


class TranslationError(CbsError, LookupError):
    """A story paragraph has no finished English translation in the catalogue; ``where``
    names the notebook, cell and paragraph."""

    def __init__(self, where: str):
        super().__init__(f"{where}; {FIX}")
        self.where = where


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a markdown cell: lines ``start:end``, written as ``prefix``
    (a heading's ``## ``, a list item's ``- ``) followed by ``text``."""

    start: int
    end: int
    prefix: str
    text: str


def units(markdown: str) -> list[Unit]:
    """The paragraphs, headings, list items and table rows of a markdown cell, in order;
    code blocks, math blocks and table rules are not translated."""
    found: list[Unit] = []
    fenced, joinable = False, False  # joinable: the next plain line continues the last unit
    for number, line in enumerate(markdown.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced, joinable = not fenced, False
            continue
        if fenced or not line.strip() or _VERBATIM.match(line):
            joinable = False
            continue
        match = _MARKER.match(line)
        marker = match.group(1) if match else ""
        if match and match.group(2) not in (None, "1") and joinable and not found[-1].prefix:
            marker = ""  # "2020. Dat ..." inside a paragraph is no numbered list
        quoted = marker.strip() == ">" and joinable and found[-1].prefix.strip() == ">"
        if joinable and (quoted or not marker) and not line.lstrip().startswith("|"):
            last = found.pop()
            rest = line[len(marker) :]
            found.append(Unit(last.start, number + 1, last.prefix, f"{last.text} {rest}"))
            continue
        found.append(Unit(number, number + 1, marker, line[len(marker) :]))
        joinable = not marker.lstrip().startswith("#") and not line.lstrip().startswith("|")
    return [Unit(u.start, u.end, u.prefix, " ".join(u.text.split())) for u in found]


def _stem_cells(path: Path) -> list[tuple[int, str]]:
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        (index, "".join(cell["source"]))
        for index, cell in enumerate(cells)
        if cell["cell_type"] == "markdown"
    ]


def _catalog(locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        domain="stories",
        header_comment=HEADER,
        project="eenzaamheid",
        version=version("eenzaamheid"),
        msgid_bugs_address="the project's issue list",
        copyright_holder="the eenzaamheid authors",
        last_translator="see the git history of this file",
        language_team="English",
        fuzzy=False,
    )


def extract(paths: list[Path] | None = None) -> Catalog:
    """The template: every unit of every story's markdown, with its notebook as location and
    its cells (``cell 4``, counted from 0 as in nbformat) as a comment for the translator."""
    template = _catalog()
    for path in paths or notebooks():
        for index, text in _stem_cells(path):
            for unit in units(text):
                found = template.get(unit.text, context=path.stem)
                if found is None:
                    location = [(f"notebooks/{path.name}", None)]
                    found = template.add(unit.text, locations=location, context=path.stem)
                if f"cell {index}" not in found.auto_comments:
                    found.auto_comments.append(f"cell {index}")
    return template


def _entries(catalog: Catalog) -> list[tuple]:
    return [
        (m.context, m.id, m.string or "", m.fuzzy, m.auto_comments, m.user_comments)
        for m in catalog
        if m.id
    ]


def _write(catalog: Catalog, path: Path) -> bool:
    """Write ``catalog`` unless the file already holds the same entries (dates aside)."""
    if path.exists():
        with path.open("rb") as old:
            if _entries(read_po(old)) == _entries(catalog):
                return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if catalog.locale:
        catalog.revision_date = datetime.now(UTC)
    with path.open("wb") as out:  # no "#|" previous msgid: Babel writes a long one wrapped in a
        # form it reads back as comments, which then pile up in the file at every update
        write_po(out, catalog, width=100, ignore_obsolete=True, include_previous=False)
    return True


def update() -> Catalog:
    """Extract the template and merge it into the English catalogue: new paragraphs come in
    untranslated, changed ones keep their old translation marked fuzzy, gone ones leave."""
    template = extract()
    _write(template, TEMPLATE)
    if CATALOGUE.exists():
        with CATALOGUE.open("rb") as file:
            catalog = read_po(file, locale="en")
        for message in catalog:  # an earlier file's wrapped "#|" lines, read as comments
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    else:
        catalog = _catalog("en")
    catalog.update(template, update_header_comment=True)
    catalog.obsolete.clear()
    _write(catalog, CATALOGUE)
    return catalog


def problems(catalogue: Path = CATALOGUE) -> list[str]:
    """Everything that keeps the catalogue from matching the notebooks, one line each."""
    wanted = {(m.context, m.id): m for m in extract() if m.id}
    with catalogue.open("rb") as file:
        have = {(m.context, m.id): m for m in read_po(file) if m.id}
    found = []
    for key, message in wanted.items():
        where = f"{key[0]}.ipynb {', '.join(message.auto_comments)}"
        entry = have.get(key)
        if entry is None:
            found.append(f"{where}: not in the catalogue (run update)")
        elif not entry.string or entry.fuzzy:
            found.append(f"{where}: {'fuzzy' if entry.string else 'untranslated'}: {key[1][:60]}")
        elif lost := sorted(_kept(key[1]) - _kept(entry.string)):
            found.append(f"{where}: lost code, math, link or number ({', '.join(lost)})")
    found += [f"{ctx}: obsolete entry: {mid[:60]}" for ctx, mid in have.keys() - wanted.keys()]
    return found


def _kept(text: str) -> set[str]:
    """Code spans, math, link targets and numbers (without leading zeros) of a text."""
    return {k.lstrip("0") or "0" if k.isdigit() else k for k in _KEPT.findall(text)}


@cache
def _translations(path: Path, mtime: float) -> dict[tuple[str, str], tuple[str, bool]]:
    with path.open("rb") as file:
        return {(m.context, m.id): (m.string, m.fuzzy) for m in read_po(file) if m.id}


def translate_markdown(stem: str, cell_index: int, text: str, lang: str) -> str:
    """A markdown cell of notebook ``stem`` in ``lang``: Dutch unchanged, English from the
    catalogue, unit by unit (code blocks, math blocks and blank lines stay where they are)."""
    if lang == "nl":
        return text
    table = _translations(CATALOGUE, CATALOGUE.stat().st_mtime) if CATALOGUE.exists() else {}
    found = units(text)
    for unit in found:
        english, fuzzy = table.get((stem, unit.text), ("", False))
        if not english or fuzzy:
            state = "a fuzzy" if english else "no"
            raise TranslationError(
                f'{stem}.ipynb cell {cell_index}: {state} English translation of "{unit.text[:70]}"'
            )
    lines = text.split("\n")
    for unit in reversed(found):  # from the end, so that earlier line numbers stay right
        lines[unit.start : unit.end] = [unit.prefix + table[(stem, unit.text)][0]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """``update`` (extract + merge), ``extract`` (only the template) or ``check``."""
    command = argv[0] if argv else "check"
    if command == "extract":
        _write(extract(), TEMPLATE)
    elif command == "update":
        catalog = update()
        done = sum(1 for m in catalog if m.id and m.string and not m.fuzzy)
        print(f"{CATALOGUE.relative_to(settings.ROOT)}: {done} of {len(catalog)} translated")
    if command in ("update", "check"):
        found = problems()
        print("\n".join(found) or "every paragraph translated")
        return 1 if found else 0
    if command not in ("extract", "update", "check"):
        print("usage: python -m eenzaamheid.site.i18n extract|update|check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
