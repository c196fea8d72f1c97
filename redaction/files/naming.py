"""Output names, made in one place: nothing written names the applicant (their name, aliases and
employers become XX in every folder and file name), no two outputs of a run share a name, and no
output is ever an input file.

- masked pages (CLI `redact`, the GUI's export, batches): `<stem>.jpg`, or `<stem>-<n>.jpg` for
  page n of a multi-page input, in the input's relative sub-folder; a second input with the same
  stem keeps its extension in the name (`a_png.jpg`);
- prose copies (`blindmask prose --out`): the input's name and suffix, `-2`, `-3` ... on a clash.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import overload

from redaction.files.document import InputFile
from redaction.model.profile import Profile
from redaction.text.normalize import normalize_with_map

#: Characters Windows (or any file system) refuses in a file name.
UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def scrub_stem(stem: str, profile: Profile | None) -> str:
    """Replace every occurrence of the name, an alias or an employer in a file stem by 'XX'.

    Matching uses the same normalisation as the page matcher (spaces, middle dots, widths), and
    the original characters of each occurrence are replaced.
    """
    if profile is None:
        return stem
    norm, index = normalize_with_map(stem)
    spans: list[tuple[int, int]] = []
    for term in profile.terms():
        start = norm.find(term.key)
        while start >= 0:
            end = start + len(term.key)
            spans.append((index[start], index[end - 1] + 1))
            start = norm.find(term.key, end)
    if not spans:
        return stem
    spans.sort()
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:
        out.append(stem[pos:a])
        out.append("XX")
        pos = b
    out.append(stem[pos:])
    return "".join(out)


@overload
def scrub_text(text: str, profile: Profile | None) -> str: ...


@overload
def scrub_text(text: None, profile: Profile | None) -> None: ...


def scrub_text(text: str | None, profile: Profile | None) -> str | None:
    """`text` with every occurrence of the name, an alias or an employer replaced by 'XX' (the
    output namer's rule, applied to a whole path or message)."""
    return text if text is None else scrub_stem(text, profile)


def output_relpath(rel: Path, page_index: int, page_count: int, profile: Profile | None) -> Path:
    """`<stem>.jpg` for single-page inputs, `<stem>-<n>.jpg` (n from 1) for multi-page ones,
    inside the input's relative sub-folder; names and employers in the stem become XX."""
    stem = UNSAFE_CHARS.sub("_", scrub_stem(rel.stem, profile)) or "page"
    name = f"{stem}.jpg" if page_count == 1 else f"{stem}-{page_index + 1}.jpg"
    parent = (Path(*[UNSAFE_CHARS.sub("_", scrub_stem(p, profile)) for p in rel.parent.parts])
              if rel.parent.parts else Path())
    return parent / name


def prose_output_name(name: str, profile: Profile | None) -> str:
    """A prose copy's file name: the name, an alias or an employer in the stem becomes XX."""
    p = Path(name)
    stem = UNSAFE_CHARS.sub("_", scrub_stem(p.stem, profile)) or "document"
    return stem + p.suffix


class OutputNamer:
    """Hands out output paths, never the same one twice in a run and never an input file (inputs
    are sacred even when --out is an input folder). Thread-safe.

    `preset`: the page names decided up front by a batch's parent process (worker processes
    only hand them out), so names do not depend on which worker finishes first.
    """

    def __init__(self, out_dir: Path, protected: set[Path] | None = None,
                 preset: list[Path] | None = None):
        self.out_dir = Path(out_dir)
        self.protected = set(protected or ())
        self.preset = preset
        self._used: set[Path] = set()
        self._lock = threading.Lock()

    def claim(self, inp: InputFile, page_index: int, page_count: int, profile: Profile | None) -> Path:
        """The masked JPEG of one page, relative to `out_dir`."""
        if self.preset is not None:
            return self.preset[page_index]
        rel = output_relpath(inp.rel, page_index, page_count, profile)
        with self._lock:
            candidate, n = rel, 1
            while (candidate in self._used
                   or (self.out_dir / candidate).resolve() in self.protected):
                # Same stem from two inputs (a.jpg and a.png): keep the extension in the name.
                n += 1
                ext = inp.path.suffix.lower().lstrip(".")
                suffix = f"_{ext}" if n == 2 else f"_{ext}{n - 1}"
                candidate = rel.with_name(rel.stem + suffix + rel.suffix)
            self._used.add(candidate)
            return candidate

    def claim_copy(self, rel: Path, profile: Profile | None) -> Path:
        """A prose copy of the input at `rel` (relative to its input folder): its path in `out_dir`."""
        parent = Path(*[scrub_stem(p, profile) for p in rel.parent.parts]) if rel.parent.parts else Path()
        target = self.out_dir / parent / prose_output_name(rel.name, profile)
        stem, suffix, n = target.stem, target.suffix, 2
        with self._lock:
            while target.resolve() in self._used or target.resolve() in self.protected:
                target = target.with_name(f"{stem}-{n}{suffix}")
                n += 1
            self._used.add(target.resolve())
        return target
