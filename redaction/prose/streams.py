"""Editable text cut into pieces (runs, attributes, properties): find in it, write back into it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from redaction.model.profile import Profile
from redaction.prose.matcher import MASK, Occurrence, find_occurrences
from redaction.prose.report import Finding


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


CONTEXT_CHARS = 20


class _Segment:
    """A piece of editable text (a <w:t>, an attribute, a property) and how to write it back."""

    __slots__ = ("text", "setter")

    def __init__(self, text: str, setter: Callable[[str], None]):
        self.text, self.setter = text, setter


@dataclass
class _Stream:
    """Consecutive segments that read as one text (a paragraph's runs between tabs/breaks)."""

    segments: list[_Segment]
    location: str
    part: str = ""
    where: str = "text"
    paragraph: int | None = None
    in_table: bool = False
    in_textbox: bool = False
    is_text_file: bool = False

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


def _findings(streams: list[_Stream], profile: Profile, decisions: Mapping[str, bool] | None,
              accept_suggestions: bool) -> list[tuple[_Stream, Finding]]:
    out = []
    for n, stream in enumerate(streams):
        text = stream.text
        if not text:
            continue
        for occ in find_occurrences(text, profile):
            line: int | None
            column: int | None
            if stream.is_text_file:
                line = text.count("\n", 0, occ.start) + 1
                column = occ.start - (text.rfind("\n", 0, occ.start) + 1) + 1
                fid, location = f"{line}:{column}", f"line {line}:{column}"
            else:
                line = column = None
                fid, location = f"{stream.part}#{n}:{occ.start}", stream.location
            default = accept_suggestions if occ.suggestion else True
            accepted = bool(decisions.get(fid, default)) if decisions is not None else default
            f = Finding(
                id=fid, occurrence=occ, location=location, part=stream.part, where=stream.where,
                paragraph=stream.paragraph, line=line, column=column, in_table=stream.in_table,
                in_textbox=stream.in_textbox,
                before=_squash(text[max(0, occ.start - CONTEXT_CHARS):occ.start]),
                after=_squash(text[occ.end:occ.end + CONTEXT_CHARS]), accepted=accepted)
            out.append((stream, f))
    return out


def _apply(stream: _Stream, occurrences: list[Occurrence], mask: str = MASK) -> None:
    """Replace occurrences across segments: "XX" goes into the first segment an occurrence
    touches (keeping that run's formatting); the rest of it is cut from the following ones."""
    segs = stream.segments
    offsets, pos = [], 0
    for s in segs:
        offsets.append(pos)
        pos += len(s.text)
    texts = [s.text for s in segs]
    for occ in sorted(occurrences, key=lambda o: o.start, reverse=True):
        first = True
        for i, seg in enumerate(segs):
            a, b = offsets[i], offsets[i] + len(seg.text)
            if a == b or b <= occ.start or a >= occ.end:
                continue
            ls, le = max(occ.start, a) - a, min(occ.end, b) - a
            texts[i] = texts[i][:ls] + (mask if first else "") + texts[i][le:]
            first = False
    for seg, new in zip(segs, texts, strict=True):
        if new != seg.text:
            seg.setter(new)
            seg.text = new


def _replace_accepted(pairs: list[tuple[_Stream, Finding]]) -> None:
    by_stream: dict[int, tuple[_Stream, list[Finding]]] = {}
    for stream, f in pairs:
        if f.accepted:
            by_stream.setdefault(id(stream), (stream, []))[1].append(f)
    for stream, fs in by_stream.values():
        _apply(stream, [f.occurrence for f in fs])
        for f in fs:
            f.replaced = True
