"""Background work: detection, verification and export run in QThreads; the window never waits.

The detector (OCR + faces + seals) is created once per process, lazily, in a worker thread, and
shared by every later job (it is thread-safe). Results reach the GUI thread through queued signals.
"""

from __future__ import annotations

import threading
import traceback
from collections import OrderedDict, deque
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QThread, Signal

from redaction.burn import burn
from redaction.document import DocumentError, Page, iter_pages
from redaction.export import REPORT_NAME, encode_jpeg, output_relpath, write_atomic
from redaction.profile import Profile
from redaction.regions import Region, clip_box
from redaction.review import DocumentResult, PageResult, dumps

Key = tuple[int, int]

# --- the detector, once per process ------------------------------------------------------------

_detector = None
_detector_lock = threading.Lock()


def default_detector_factory():
    from redaction.propose import Detector  # imported late: loading OCR is slow

    return Detector()


def get_detector(factory: Callable | None = None):
    """The process-wide detector; `factory` is used only the first time (tests pass a fake)."""
    global _detector
    with _detector_lock:
        if _detector is None:
            _detector = (factory or default_detector_factory)()
        return _detector


def reset_detector():
    global _detector
    with _detector_lock:
        _detector = None


# --- pages ---------------------------------------------------------------------------------------

def load_page(path: Path, index: int, dpi: int) -> Page:
    """One page of a file (earlier PDF pages are rendered and dropped: see the report's note)."""
    for page in islice(iter_pages(path, dpi), index, index + 1):
        return page
    raise DocumentError(f"page {index + 1} does not exist")


class PageCache:
    """The last few decoded pages (full resolution), shared by the canvas and the preview."""

    def __init__(self, size: int = 8):
        self.size = size
        self._pages: OrderedDict[Key, Page] = OrderedDict()

    def put(self, key: Key, page: Page):
        self._pages[key] = page
        self._pages.move_to_end(key)
        while len(self._pages) > self.size:
            self._pages.popitem(last=False)

    def get(self, key: Key) -> Page | None:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def clear(self):
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
    pageDone = Signal(int, int, object, object)   # key, regions, Page
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
        self._cancel.set()

    def prioritize(self, key: Key):
        """Detect this page next (the person is looking at it)."""
        with self._lock:
            if key in self._tasks:
                self._tasks.remove(key)
                self._tasks.appendleft(key)

    def pending(self) -> list[Key]:
        with self._lock:
            return list(self._tasks)

    def run(self):
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
                regions = self.work(detector, page, self.profile)
                self.pageDone.emit(key[0], key[1], list(regions), page)
            except DocumentError as exc:
                self.pageFailed.emit(key[0], key[1], str(exc))
            except Exception as exc:  # a detector bug must not kill the whole run
                traceback.print_exc()
                self.pageFailed.emit(key[0], key[1], f"{type(exc).__name__}: {exc}")
            done += 1
            self.progress.emit(done, self.total)
        self.cancelled = self._cancel.is_set()


def propose_work(detector, page, profile):
    return detector.propose(page, profile)


def verify_work(detector, page, profile):
    from redaction.verify import find_leaks

    return find_leaks(detector, page, profile)


# --- export --------------------------------------------------------------------------------------

@dataclass
class ExportDoc:
    path: Path
    rel: Path
    pages: list[PageResult]       # copies; decision None means "skipped"
    error: str | None = None


def _scaled(box, sx: float, sy: float):
    return (box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy)


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
        self._cancel.set()

    def run(self):
        written: list[Path] = []
        errors: list[str] = []
        report: list[DocumentResult] = []
        used: set[str] = set()
        total = sum(1 for d in self.docs for p in d.pages if p.decision)
        done = 0
        for doc in self.docs:
            if self._cancel.is_set():
                break
            out_doc = DocumentResult(path=str(doc.path), error=doc.error, pages=[])
            report.append(out_doc)
            wanted = {p.index: p for p in doc.pages}
            if doc.error or not any(p.decision for p in doc.pages):
                out_doc.pages = [PageResult(p.index, p.width, p.height, p.dpi, [], None, p.decision)
                                 for p in doc.pages]
                continue
            dpi = next((p.dpi for p in doc.pages if p.dpi), None) or self.dpi
            try:
                for page in iter_pages(doc.path, dpi):
                    if self._cancel.is_set():
                        break
                    pr = wanted.get(page.index)
                    if pr is None:
                        continue
                    out_page = PageResult(pr.index, page.width, page.height, pr.dpi, [], None,
                                          pr.decision)
                    out_doc.pages.append(out_page)
                    if not pr.decision:
                        continue
                    burned = [r for r in pr.regions if r.accepted] if pr.decision == "confirmed" else []
                    sx = page.width / pr.width if pr.width else 1.0
                    sy = page.height / pr.height if pr.height else 1.0
                    boxes = [clip_box(_scaled(r.bbox, sx, sy), page.width, page.height) for r in burned]
                    pixels = burn(page.pixels, boxes, self.fill) if boxes else page.pixels
                    rel = output_relpath(doc.rel, page.index, page.page_count, self.profile)
                    rel = self._unique(rel, used)
                    write_atomic(self.out_dir / rel, encode_jpeg(pixels, self.quality))
                    written.append(self.out_dir / rel)
                    out_page.regions = [r.with_bbox(b) for r, b in zip(burned, boxes)]
                    out_page.output = rel.as_posix()
                    done += 1
                    self.progress.emit(done, total, rel.as_posix())
            except (DocumentError, OSError) as exc:
                errors.append(f"{doc.path.name}: {exc}")
                out_doc.error = out_doc.error or str(exc)
        self.cancelled = self._cancel.is_set()
        if not self.cancelled:
            try:
                write_atomic(self.out_dir / REPORT_NAME, (dumps(report) + "\n").encode("utf-8"))
            except OSError as exc:
                errors.append(f"{REPORT_NAME}: {exc}")
        self.finishedExport.emit(written, errors)

    @staticmethod
    def _unique(rel: Path, used: set[str]) -> Path:
        """Two inputs mapping to one output name (a.png and a.pdf) get a numbered suffix."""
        candidate, n = rel, 2
        while candidate.as_posix().lower() in used:
            candidate = rel.with_name(f"{rel.stem}_{n}{rel.suffix}")
            n += 1
        used.add(candidate.as_posix().lower())
        return candidate


def burn_preview(pixels: np.ndarray, regions: list[Region], fill) -> np.ndarray:
    h, w = pixels.shape[:2]
    boxes = [clip_box(r.bbox, w, h) for r in regions if r.accepted]
    return burn(pixels, boxes, fill) if boxes else pixels
