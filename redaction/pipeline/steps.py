"""Batch operations shared by the CLI and the GUI: propose, redact (burn + export), verify.

Each function handles one input file, streams its pages (a 500-page PDF is never held whole),
and turns an unreadable file into a DocumentResult with `error` set instead of raising, so a
batch goes on past a bad file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from redaction.detect.orient import rotate_image
from redaction.files.burn import DEFAULT_FILL, burn
from redaction.files.document import DEFAULT_DPI, DocumentError, InputFile, Page, iter_pages
from redaction.files.export import DEFAULT_QUALITY, ExportError, encode_jpeg, write_atomic
from redaction.files.naming import OutputNamer
from redaction.model.profile import Profile
from redaction.model.regions import Region
from redaction.model.review import DocumentResult, PageResult
from redaction.pipeline.protocols import LeakDetector, PageProposer
from redaction.pipeline.verify import find_leaks

#: progress(input, page_index, page_count) after each page
Progress = Callable[[InputFile, int, int], None]
#: step(page) -> (upright page, clockwise rotation applied, regions on the upright page)
PageStep = Callable[[Page], tuple[Page, int, list[Region]]]


class Cancelled(Exception):
    """Raised between pages when the caller's cancel event is set: the batch ends there."""


_log = logging.getLogger(__name__)


@contextmanager
def _per_file_errors(doc: DocumentResult) -> Iterator[None]:
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
    """Where and how masked pages are written."""

    out_dir: Path
    dpi: int = DEFAULT_DPI
    fill: tuple[int, int, int] = DEFAULT_FILL
    quality: int = DEFAULT_QUALITY


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def _scan_file(inp: InputFile, dpi: int, step: PageStep, progress: Progress | None,
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


def propose_file(detector: PageProposer, inp: InputFile, profile: Profile, dpi: int = DEFAULT_DPI,
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


def redact_file(detector: PageProposer | None, inp: InputFile, profile: Profile, options: RedactOptions,
                namer: OutputNamer, review: DocumentResult | None = None, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> DocumentResult:
    """Detect (or take the reviewed regions) and export every page of one input."""
    if review is not None:
        return export_reviewed(inp, review, profile, options, namer, progress=progress, cancel=cancel)
    assert detector is not None, "a detector is needed unless the regions come from a review"
    doc = DocumentResult(path=str(inp.path))
    with _per_file_errors(doc):
        for page in iter_pages(inp.path, options.dpi):
            _check_cancel(cancel)
            page, rotation, regions = detector.propose_upright(page, profile)
            result = PageResult(page.index, page.width, page.height, page.dpi, regions, rotation=rotation)
            redact_page(page, result, inp, profile, options, namer)
            doc.pages.append(result)
            if progress:
                progress(inp, page.index, page.page_count)
    return doc


def export_reviewed(inp: InputFile, review: DocumentResult, profile: Profile | None, options: RedactOptions,
                    namer: OutputNamer, *, honour_decisions: bool = False, progress: Progress | None = None,
                    on_written: Callable[[PageResult], None] | None = None,
                    cancel: threading.Event | None = None) -> DocumentResult:
    """Burn a reviewed document's accepted regions into fresh JPEGs: the one export path of
    `redact --review` and of the GUI's 导出. A PDF is rendered at the review's dpi when all its
    pages agree (the boxes are in those pixels), else at `options.dpi`; turned pages are turned
    as the review says before burning.

    Without `honour_decisions` (the CLI's review file), every page burns its accepted regions and
    a page missing from the review is an error. With it (the GUI), a page without a decision is
    listed without an output, a "no_mask" page is written with nothing burned, only "confirmed"
    pages burn their accepted regions (the only regions kept in the result), and pages not in the
    review are left out. `on_written(page result)` follows each JPEG written.
    """
    doc = DocumentResult(path=str(inp.path))
    dpi = options.dpi
    dpis = {p.dpi for p in review.pages if p.dpi}
    if len(dpis) == 1 and inp.path.suffix.lower() == ".pdf":
        dpi = int(dpis.pop())
    reviewed = {p.index: p for p in review.pages}
    with _per_file_errors(doc):
        for page in iter_pages(inp.path, dpi):
            _check_cancel(cancel)
            wanted = reviewed.get(page.index)
            if wanted is None:
                if honour_decisions:
                    continue
                raise DocumentError(f"page {page.index + 1} is not in the review file")
            if wanted.rotation:
                page = replace(page, pixels=rotate_image(page.pixels, wanted.rotation))
            regions = list(wanted.regions)
            if honour_decisions:
                regions = [r for r in regions if r.accepted] if wanted.decision == "confirmed" else []
            result = PageResult(wanted.index, wanted.width or page.width, wanted.height or page.height,
                                wanted.dpi, regions, decision=wanted.decision, rotation=wanted.rotation)
            if honour_decisions and not wanted.decision:
                doc.pages.append(result)
                continue  # skipped on purpose: listed in the report without an output
            redact_page(page, result, inp, profile, options, namer)
            doc.pages.append(result)
            if on_written:
                on_written(result)
            if progress:
                progress(inp, page.index, page.page_count)
    return doc


def verify_file(detector: LeakDetector, inp: InputFile, profile: Profile, dpi: int = DEFAULT_DPI,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> DocumentResult:
    """Findings (regions still visible) per page of an already-masked file."""
    return _scan_file(inp, dpi, lambda page: find_leaks(detector, page, profile), progress, cancel)
