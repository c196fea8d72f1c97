"""Batch operations shared by the CLI and the GUI: propose, redact (burn + export), verify.

Each function handles one input file, streams its pages (a 500-page PDF is never held whole),
and turns an unreadable file into a DocumentResult with `error` set instead of raising, so a
batch goes on past a bad file.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .burn import DEFAULT_FILL, burn
from .orient import rotate_image
from .document import DEFAULT_DPI, DocumentError, InputFile, Page, iter_pages
from .export import DEFAULT_QUALITY, ExportError, encode_jpeg, output_relpath, write_atomic
from .profile import Profile
from .review import DocumentResult, PageResult
from .verify import find_leaks

#: progress(input, page_index, page_count) after each page
Progress = Callable[[InputFile, int, int], None]


class Cancelled(Exception):
    pass


_log = logging.getLogger(__name__)


@contextmanager
def _per_file_errors(doc: DocumentResult):
    """What goes wrong with one file becomes that file's `error`; only cancelling ends a batch."""
    try:
        yield
    except (DocumentError, ExportError) as exc:
        doc.error = str(exc)
    except Cancelled:
        raise
    except Exception as exc:
        _unexpected(doc, exc)


def _unexpected(doc: DocumentResult, exc: Exception) -> None:
    """Any other failure on one file (a decoder or detector bug, memory exhausted) becomes that
    file's error, so one bad input never ends a batch; the traceback goes to the log."""
    _log.error("unexpected error on %s", doc.path, exc_info=exc)
    text = " ".join(str(exc).split())[:160]
    done = len(doc.pages)
    doc.error = (f"could not be processed after page {done}: " if done else "could not be processed: ") \
        + f"{type(exc).__name__}" + (f": {text}" if text else "")


@dataclass
class RedactOptions:
    out_dir: Path
    dpi: int = DEFAULT_DPI
    fill: tuple[int, int, int] = DEFAULT_FILL
    quality: int = DEFAULT_QUALITY


@dataclass
class OutputNamer:
    """Hands out output paths per the contract, never the same one twice in a run and never an
    input file (inputs are sacred even when --out is an input folder)."""

    out_dir: Path
    protected: set[Path] = field(default_factory=set)
    _used: set[Path] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self, inp: InputFile, page_index: int, page_count: int, profile: Profile | None) -> Path:
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


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def _scan_file(inp: InputFile, dpi: int, step, progress: Progress | None,
               cancel: threading.Event | None) -> DocumentResult:
    """Run `step(page) -> (upright page, rotation, regions)` on every page of one input."""
    doc = DocumentResult(path=str(inp.path))
    with _per_file_errors(doc):
        for page in iter_pages(inp.path, dpi):
            _check_cancel(cancel)
            page, rotation, regions = step(page)
            doc.pages.append(PageResult(page.index, page.width, page.height, page.dpi, regions,
                                        rotation=rotation))
            if progress:
                progress(inp, page.index, page.page_count)
    return doc


def propose_file(detector, inp: InputFile, profile: Profile, dpi: int = DEFAULT_DPI,
                 progress: Progress | None = None, cancel: threading.Event | None = None) -> DocumentResult:
    """Proposals for every page of one input (made upright)."""
    return _scan_file(inp, dpi, lambda page: detector.propose_upright(page, profile), progress, cancel)


def redact_page(page: Page, result: PageResult, inp: InputFile, profile: Profile | None,
                options: RedactOptions, namer: OutputNamer) -> None:
    """Burn `result`'s accepted regions into `page` and write the JPEG; sets result.output."""
    if (page.width, page.height) != (result.width, result.height):
        raise DocumentError(f"page {page.index + 1} is {page.width}×{page.height} but the review says "
                            f"{result.width}×{result.height} (rendered at another --dpi?)")
    # In place: every caller hands over a page it decoded for this export and drops afterwards.
    pixels = burn(page.pixels, [r.bbox for r in result.accepted()], options.fill, in_place=True)
    rel = namer.claim(inp, page.index, page.page_count, profile)
    write_atomic(options.out_dir / rel, encode_jpeg(pixels, options.quality))
    result.output = rel.as_posix()


def redact_file(detector, inp: InputFile, profile: Profile, options: RedactOptions, namer: OutputNamer,
                review: DocumentResult | None = None, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> DocumentResult:
    """Detect (or take the reviewed regions) and export every page of one input."""
    doc = DocumentResult(path=str(inp.path))
    dpi = options.dpi
    if review is not None:
        dpis = {p.dpi for p in review.pages if p.dpi}
        if len(dpis) == 1 and inp.path.suffix.lower() == ".pdf":
            dpi = int(dpis.pop())
    reviewed = {p.index: p for p in review.pages} if review is not None else {}
    with _per_file_errors(doc):
        for page in iter_pages(inp.path, dpi):
            _check_cancel(cancel)
            if review is not None:
                result = reviewed.get(page.index)
                if result is None:
                    raise DocumentError(f"page {page.index + 1} is not in the review file")
                result = PageResult(result.index, result.width, result.height, result.dpi,
                                    list(result.regions), decision=result.decision,
                                    rotation=result.rotation)
                if result.rotation:
                    page = replace(page, pixels=rotate_image(page.pixels, result.rotation))
            else:
                page, rotation, regions = detector.propose_upright(page, profile)
                result = PageResult(page.index, page.width, page.height, page.dpi, regions,
                                    rotation=rotation)
            redact_page(page, result, inp, profile, options, namer)
            doc.pages.append(result)
            if progress:
                progress(inp, page.index, page.page_count)
    return doc


def verify_file(detector, inp: InputFile, profile: Profile, dpi: int = DEFAULT_DPI,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> DocumentResult:
    """Findings (regions still visible) per page of an already-masked file."""
    return _scan_file(inp, dpi, lambda page: find_leaks(detector, page, profile), progress, cancel)
