"""Batches over many files with N worker processes, each loading the models once.

Results come back in input order. Output names are handed out by the parent before any work
starts (they depend only on page counts), so workers never race for a name.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import cast

from redaction.files.document import DEFAULT_DPI, DocumentError, InputFile, page_count
from redaction.files.naming import OutputNamer
from redaction.model.profile import Profile
from redaction.model.review import DocumentResult
from redaction.pipeline.protocols import LeakDetector
from redaction.pipeline.steps import RedactOptions, propose_file, redact_file, verify_file

#: Each worker holds ~0.7 GB at its peak: more than this many rarely pays on a desktop.
MAX_DEFAULT_JOBS = 4

#: This process's detector, made by `_init_worker` (in the parent for one job, else in each worker).
_worker_detector: LeakDetector | None = None
_worker_quiet = True


def default_jobs() -> int:
    """One worker per core, at most 4, each on one inference thread. Measured on 2 cores, 24
    pages: 2 single-threaded workers 63 s, 1 worker on both cores 69 s (ONNX Runtime's threads
    idle through the Python between its calls), 1 worker on one thread 110 s. Two independent
    OCR processes reach only 1.72–1.79× of one on that machine (shared caches and memory): the
    ceiling for workers on 2 cores. A batch of fewer files than workers gets fewer workers, each
    with more threads (`threads_per_worker`)."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_JOBS))


def threads_per_worker(jobs: int) -> int:
    """Inference threads for each of `jobs` workers: the cores split between them (one worker:
    -1, the libraries' default of all cores). BLINDMASK_THREADS overrides it (shared machines,
    and the bench's single-thread baseline)."""
    env = os.environ.get("BLINDMASK_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return -1 if jobs == 1 else max(1, (os.cpu_count() or 1) // jobs)


def _init_worker(ocr: str, threads: int, quiet: bool) -> None:
    global _worker_detector, _worker_quiet
    import cv2

    from redaction.ocr.base import set_threads
    from redaction.pipeline.propose import Detector

    set_threads(threads)
    if threads > 0:   # OpenCV (resizes, filters) would otherwise claim every core in every worker
        cv2.setNumThreads(threads)
    _worker_detector = Detector(ocr=ocr)
    _worker_quiet = quiet


def _page_progress(inp: InputFile, index: int, count: int) -> None:
    if not _worker_quiet:
        print(f"  {inp.path}  page {index + 1}/{count}", file=sys.stderr, flush=True)


def _work(task: str, inp: InputFile, profile: Profile, dpi: int, options: RedactOptions | None,
          names: list[Path] | None, review: DocumentResult | None) -> DocumentResult:
    detector = _worker_detector
    assert detector is not None, "_init_worker runs before any work in this process"
    if task == "propose":
        return propose_file(detector, inp, profile, dpi, _page_progress)
    if task == "verify":
        return verify_file(detector, inp, profile, dpi, _page_progress)
    assert options is not None, "redact needs its RedactOptions"
    return redact_file(None if review is not None else detector, inp, profile, options,
                       OutputNamer(options.out_dir, preset=names), review=review, progress=_page_progress)


def preassign_names(inputs: list[InputFile], profile: Profile, out_dir: Path,
                    protected: set[Path]) -> list[list[Path] | str]:
    """Per input: its output names, or the error that makes it unreadable."""
    namer = OutputNamer(out_dir, protected=protected)
    plan: list[list[Path] | str] = []
    for inp in inputs:
        try:
            count = page_count(inp.path)
        except DocumentError as exc:
            plan.append(str(exc))
            continue
        plan.append([namer.claim(inp, k, count, profile) for k in range(count)])
    return plan


def run(task: str, inputs: list[InputFile], profile: Profile, *, jobs: int, ocr: str = "rapid",
        dpi: int = DEFAULT_DPI, options: RedactOptions | None = None,
        reviews: Sequence[DocumentResult | str | None] | None = None, quiet: bool = False,
        on_done: Callable[[int, DocumentResult], None] | None = None) -> list[DocumentResult]:
    """Run `task` ("propose", "redact", "verify") over `inputs`; `reviews[i]` is the reviewed
    DocumentResult for input i (redact --review) or None. `on_done(i, doc)` as files finish."""
    reviews = reviews or [None] * len(inputs)
    plan: Sequence[list[Path] | str | None] = [None] * len(inputs)
    if task == "redact":
        assert options is not None, "redact needs its RedactOptions"
        plan = preassign_names(inputs, profile, options.out_dir, {i.path.resolve() for i in inputs})
    results: list[DocumentResult | None] = [None] * len(inputs)
    # input index → its output names and review, for the inputs that get worked on (in order)
    todo: dict[int, tuple[list[Path] | None, DocumentResult | None]] = {}
    for i, inp in enumerate(inputs):
        names, review = plan[i], reviews[i]
        if isinstance(names, str):
            results[i] = doc = DocumentResult(str(inp.path), names)
            if on_done:
                on_done(i, doc)
        elif isinstance(review, str):
            results[i] = doc = DocumentResult(str(inp.path), review)
            if on_done:
                on_done(i, doc)
        else:
            todo[i] = (names, review)
    jobs = max(1, min(jobs, len(todo) or 1))
    threads = threads_per_worker(jobs)
    if jobs == 1:
        _init_worker(ocr, threads, quiet)
        for i in todo:
            results[i] = doc = _work(task, inputs[i], profile, dpi, options, *todo[i])
            if on_done:
                on_done(i, doc)
        return cast(list[DocumentResult], results)  # every input has its result by now
    # Spawned, not forked: a fork of a process whose ONNX Runtime thread pools are running (a
    # caller that has detected before, the test suite) deadlocks in the child; spawn is also what
    # Windows, the platform applicants use, always does.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(ocr, threads, quiet),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {i: pool.submit(_work, task, inputs[i], profile, dpi, options, *todo[i])
                   for i in todo}
        try:
            for i in todo:
                try:
                    results[i] = doc = futures[i].result()
                except BrokenProcessPool:
                    results[i] = doc = DocumentResult(str(inputs[i].path), "a worker process died while on "
                                                      "this file (out of memory?): run again to finish it")
                if on_done:
                    on_done(i, doc)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return cast(list[DocumentResult], results)  # every input has its result by now
