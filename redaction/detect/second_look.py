"""A second look at short names that missed by one character.

A name of two or three characters must be read exactly (one slip in three characters matches
half the people on a staff list). But a small or blurred name is sometimes read with one
character swapped for a look-alike (燕 → 药 in a 19-px author line of a phone photo). Where a
line holds the name but for one character, the line is read again keeping the recogniser's
runners-up, and the name counts as read when the recogniser gave the name's own character a
real chance at that place. Only a few lines a page are read again, and only when they nearly
hold a name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from redaction.detect.match import allowed_errors, approximate_find, match_lines, unreadable_in
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.model.types import Image
from redaction.ocr.base import OcrEngine, TextLine
from redaction.text.normalize import normalize, normalize_with_map

#: The name's character must have had at least this probability where another was read. On
#: clean text a wrong character's runners-up stay below 0.001 (王 → 玉 0.0008, 燕 → 蒸 0.00006);
#: a look-alike misread on a blurred line keeps a few per cent.
RUNNER_UP = 0.01


def one_slip_names(lines: list[TextLine], profile: Profile,
                   readable: frozenset[str] | None) -> Iterator[tuple[int, int, str]]:
    """(line index, index in the line's text, the name's character) for each place where a name
    that must be read exactly is on a line but for one substituted character."""
    for term in profile.terms():
        if term.kind != "name" or allowed_errors(len(term.key)) or len(term.key) < 2:
            continue
        unreadable = unreadable_in(term.key, readable)
        for i, line in enumerate(lines):
            if line.source != "page":
                continue
            norm, index = normalize_with_map(line.text)
            for start, end, errors in approximate_find(term.key, norm, 1, unreadable):
                if errors != 1 or end - start != len(term.key):
                    continue
                slips = [p for p, want in enumerate(term.key) if norm[start + p] != want and want not in unreadable]
                if len(slips) == 1:
                    yield i, index[start + slips[0]], term.key[slips[0]]


def _agrees(read: str, text: str) -> bool:
    """The line read again is the line as first read (blanked characters aside: drop_inkless_chars)."""
    return len(read) == len(text) and all(a == b or b == " " for a, b in zip(read, text, strict=True))


def second_look(engine: OcrEngine, view: Image, lines: list[TextLine], profile: Profile,
                readable: frozenset[str] | None = None) -> list[Region]:
    """Name regions on lines whose one wrong character the recogniser nearly read as the name's.
    `view`: the image the lines were read from (the page's red-channel view)."""
    fixes: dict[int, list[str]] = {}
    for i, pos, want in one_slip_names(lines, profile, readable):
        try:
            alternatives = engine.char_alternatives(view, lines[i].quad)
        except NotImplementedError:
            return []
        if not _agrees("".join(c for c, _ in alternatives), lines[i].text):
            continue
        chance = max((p for c, p in alternatives[pos][1].items() if normalize(c) == want), default=0.0)
        if chance >= RUNNER_UP:
            fixes.setdefault(i, list(lines[i].text))[pos] = want
    if not fixes:
        return []
    fixed = [replace(ln, text="".join(fixes[i])) if i in fixes else ln for i, ln in enumerate(lines)]
    found = []
    for r in match_lines(fixed, profile, readable):
        cx, cy = (r.bbox[0] + r.bbox[2]) / 2, (r.bbox[1] + r.bbox[3]) / 2
        on_fixed = any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in (lines[i].bbox for i in fixes))
        if r.kind == "name" and on_fixed:
            r.extra["second_look"] = True
            found.append(r)
    return found
