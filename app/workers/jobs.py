"""Background work: detection, verification and export run in QThreads; the window never waits.

The detector (OCR + faces + seals) is created once per process, lazily, in a worker thread, and
shared by every later job (it is thread-safe). Results reach the GUI thread through queued signals.
"""

from __future__ import annotations

import threading
import traceback
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QThread, Signal

from app.model.state import Key
from redaction.detect.orient import rotate_image
from redaction.files.burn import burn
from redaction.files.document import DocumentError, InputFile, Page, iter_pages, load_page as load_document_page
from redaction.files.export import REPORT_NAME, folder_report, write_atomic
from redaction.files.naming import OutputNamer
from redaction.model.profile import Profile
from redaction.model.regions import Region, clip_box
from redaction.model.review import DocumentResult, PageResult, dumps
from redaction.pipeline.steps import Cancelled, RedactOptions, export_reviewed

# --- the detector, once per process ------------------------------------------------------------

_detector = None
_detector_lock = threading.Lock()


def default_detector_factory():
    """The real detector (OCR, faces, seals), imported only when first needed."""
    from redaction.pipeline.propose import Detector  # imported late: loading OCR is slow

    return Detector()


def get_detector(factory: Callable | None = None):
    """The process-wide detector; `factory` is used only the first time (tests pass a fake)."""
    global _detector
    with _detector_lock:
        if _detector is None:
            _detector = (factory or default_detector_factory)()
        return _detector


def reset_detector():
    """Forget the process-wide detector (the next get_detector makes a new one)."""
    global _detector
    with _detector_lock:
        _detector = None


# --- pages ---------------------------------------------------------------------------------------

def load_page(path: Path, index: int, dpi: int, rotation: int = 0) -> Page:
    """One page of a file, turned upright by `rotation` (clockwise degrees, from detection).

    PDF pages before it are not rendered (redaction.files.document.load_page).
    """
    page = load_document_page(path, index, dpi)
    if rotation:
        page = replace(page, pixels=rotate_image(page.pixels, rotation))
    return page


class PageCache:
    """The last few decoded pages (full resolution), shared by the canvas and the preview."""

    def __init__(self, size: int = 8):
        self.size = size
        self._pages: OrderedDict[Key, Page] = OrderedDict()

    def put(self, key: Key, page: Page):
        """Keep a page, dropping the least recently used beyond `size`."""
        self._pages[key] = page
        self._pages.move_to_end(key)
        while len(self._pages) > self.size:
            self._pages.popitem(last=False)

    def get(self, key: Key) -> Page | None:
        """A kept page, or None."""
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def clear(self):
        """Forget every page."""
        self._pages.clear()


class _SequentialReader:
    """Reads requested pages, reusing one open iterator while requests go forward in a file."""

    def __init__(self, dpi: int):
        self.dpi = dpi
        self._doc, self._gen, self._next = None, None, 0

    def read(self, d: int, path: Path, index: int) -> Page:
        if self._doc != d or self._gen is None or self._next > index:
            self._doc, self._gen, self._next = d, iter_pages(path, self.dpi), 0
        try:
            for page in self._gen:
                self._next = page.index + 1
                if page.index == index:
                    return page
        except DocumentError:
            self._gen = None
            raise
        self._gen = None
        raise DocumentError(f"page {index + 1} does not exist")


# --- detection and verification -----------------------------------------------------------------

class PageJob(QThread):
    """Runs `work(detector, page, profile) -> list[Region]` on every task, most urgent first."""

    pageStarted = Signal(int, int)
    pageDone = Signal(int, int, object, object, int)   # key, regions, upright Page, rotation
    pageFailed = Signal(int, int, str)
    progress = Signal(int, int)
    fatal = Signal(str)

    def __init__(self, tasks: list[Key], paths: list[Path], profile: Profile, dpi: int,
                 work: Callable, detector_factory: Callable | None = None, parent=None):
        super().__init__(parent)
        self._tasks = deque(tasks)
        self.total = len(tasks)
        self.paths, self.profile, self.dpi = paths, profile, dpi
        self.work, self.detector_factory = work, detector_factory
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self.cancelled = False

    def cancel(self):
        """Stop after the current page."""
        self._cancel.set()

    def prioritize(self, key: Key):
        """Detect this page next (the person is looking at it)."""
        with self._lock:
            if key in self._tasks:
                self._tasks.remove(key)
                self._tasks.appendleft(key)

    def pending(self) -> list[Key]:
        """The tasks not started yet."""
        with self._lock:
            return list(self._tasks)

    def run(self):
        """Work through the tasks on the shared detector, reporting each page as it is done."""
        try:
            detector = get_detector(self.detector_factory)
        except Exception as exc:  # the detector cannot load: say so once
            self.fatal.emit(f"{type(exc).__name__}: {exc}")
            return
        reader = _SequentialReader(self.dpi)
        done = 0
        while not self._cancel.is_set():
            with self._lock:
                if not self._tasks:
                    break
                key = self._tasks.popleft()
            self.pageStarted.emit(*key)
            try:
                page = reader.read(key[0], self.paths[key[0]], key[1])
                upright, rotation, regions = self.work(detector, page, self.profile)
                self.pageDone.emit(key[0], key[1], list(regions), upright, int(rotation or 0))
            except DocumentError as exc:
                self.pageFailed.emit(key[0], key[1], str(exc))
            except Exception as exc:  # a detector bug must not kill the whole run
                traceback.print_exc()
                self.pageFailed.emit(key[0], key[1], f"{type(exc).__name__}: {exc}")
            done += 1
            self.progress.emit(done, self.total)
        self.cancelled = self._cancel.is_set()


def propose_work(detector, page, profile):
    """(upright page, clockwise rotation applied, regions on the upright page)."""
    if hasattr(detector, "propose_upright"):
        return detector.propose_upright(page, profile)
    return page, 0, detector.propose(page, profile)


def verify_work(detector, page, profile):
    """(upright page, rotation, findings still visible on the masked page)."""
    from redaction.pipeline.verify import find_leaks

    result = find_leaks(detector, page, profile)
    if isinstance(result, tuple):
        return result
    return page, 0, result


# --- the roster audit ----------------------------------------------------------------------------

class AuditJob(QThread):
    """The clerk's roster audit (`redaction.audit.run.run_audit`, the CLI's own run: the same
    checks and ledger) on the shared detector, one file at a time; cancel stops before the next
    file, and what was checked stays in the ledger for the next run."""

    progress = Signal(int, int)               # files checked, files to check (unchanged ones excluded)
    fileDone = Signal(object, object)         # FileTask, list[PageRecord]
    finishedAudit = Signal(object)            # AuditResult
    failed = Signal(str)

    def __init__(self, roster: Path, root: Path, ledger: Path, dpi: int,
                 detector_factory: Callable | None = None, parent=None):
        super().__init__(parent)
        self.roster, self.root, self.ledger, self.dpi = Path(roster), Path(root), Path(ledger), dpi
        self.detector_factory = detector_factory
        self._cancel = threading.Event()
        self.cancelled = False

    def cancel(self):
        """Stop before the next file."""
        self._cancel.set()

    def _progress(self, done, total, task, records):
        if task is not None:
            self.fileDone.emit(task, records)
        self.progress.emit(done, total)

    def run(self):
        """Run the audit, reporting progress, and hand back its result."""
        from redaction.audit.roster import RosterError
        from redaction.audit.run import AuditCancelled, AuditError, run_audit

        try:
            detector = get_detector(self.detector_factory)
        except Exception as exc:  # the detector cannot load: say so once
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        try:
            result = run_audit(self.roster, self.root, ledger_path=self.ledger, jobs=1, dpi=self.dpi, quiet=True,
                               detector=detector, progress=self._progress, stop=self._cancel.is_set)
        except AuditCancelled:
            self.cancelled = True
            return
        except (RosterError, AuditError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # never take the window down
            traceback.print_exc()
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finishedAudit.emit(result)


# --- export --------------------------------------------------------------------------------------

@dataclass
class ExportDoc:
    """One document to export: where it is, its name in the output, its reviewed pages or its error."""

    path: Path
    rel: Path
    pages: list[PageResult]       # copies; decision None means "skipped"
    error: str | None = None


class ExportJob(QThread):
    """Burns accepted boxes of confirmed pages, writes fresh JPEGs and the report, atomically."""

    progress = Signal(int, int, str)
    finishedExport = Signal(object, object)   # written paths, list of error strings

    def __init__(self, docs: list[ExportDoc], out_dir: Path, profile: Profile | None,
                 fill=(0, 0, 0), quality: int = 90, dpi: int = 200, parent=None):
        super().__init__(parent)
        self.docs, self.out_dir, self.profile = docs, Path(out_dir), profile
        self.fill, self.quality, self.dpi = fill, quality, dpi
        self._cancel = threading.Event()
        self.cancelled = False

    def cancel(self):
        """Stop before the next page."""
        self._cancel.set()

    def run(self):
        """Write the masked pages and the report, then report what was written and what failed."""
        written: list[Path] = []
        errors: list[str] = []
        report: list[DocumentResult] = []
        options = RedactOptions(out_dir=self.out_dir, dpi=self.dpi, fill=tuple(self.fill), quality=self.quality)
        namer = OutputNamer(self.out_dir, protected={Path(d.path).resolve() for d in self.docs})
        total = sum(1 for d in self.docs for p in d.pages if p.decision)
        done = 0
        for doc in self.docs:
            if self._cancel.is_set():
                break
            out_doc = DocumentResult(path=str(doc.path), error=doc.error, pages=[])
            report.append(out_doc)
            if doc.error or not any(p.decision for p in doc.pages):
                out_doc.pages = [PageResult(p.index, p.width, p.height, p.dpi, [], None, p.decision,
                                            p.rotation) for p in doc.pages]
                continue
            inp = InputFile(doc.path, doc.rel)

            def written_page(result: PageResult) -> None:
                nonlocal done
                written.append(self.out_dir / result.output)
                done += 1
                self.progress.emit(done, total, result.output)

            review = DocumentResult(path=str(doc.path), error=doc.error, pages=doc.pages)
            try:
                result = export_reviewed(inp, review, self.profile, options, namer, honour_decisions=True,
                                         on_written=written_page, cancel=self._cancel)
            except Cancelled:
                break
            out_doc.pages = result.pages
            if result.error:
                errors.append(f"{doc.path.name}: {result.error}")
                out_doc.error = out_doc.error or result.error
        self.cancelled = self._cancel.is_set()
        if not self.cancelled:
            try:
                write_atomic(self.out_dir / REPORT_NAME,
                             (dumps(folder_report(report, self.profile)) + "\n").encode("utf-8"))
            except OSError as exc:
                errors.append(f"{REPORT_NAME}: {exc}")
        self.finishedExport.emit(written, errors)


def burn_preview(pixels: np.ndarray, regions: list[Region], fill) -> np.ndarray:
    """The page as it will be exported: accepted boxes filled with `fill` (BGR)."""
    h, w = pixels.shape[:2]
    boxes = [clip_box(r.bbox, w, h) for r in regions if r.accepted]
    return burn(pixels, boxes, fill) if boxes else pixels
