"""One audit run over a roster: match folders to applicants, plan the files, check the changed ones
(in local worker processes or on a Dask cluster), keep every result in the ledger, and return what
the reports need. Used by `blindmask audit` and by the GUI's roster panel."""


from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redaction.assets import models_dir
from redaction.audit.check import (
    AUDIT_VERSION,
    MIN_SHARPNESS,
    MIN_SHORT_SIDE,
    FileTask,
    Finding,
    Matching,
    PageRecord,
    check_file,
    file_hash,
    match_folders,
    plan_files,
)
from redaction.audit.ledger import Ledger
from redaction.audit.roster import Roster, read_roster
from redaction.files.document import DEFAULT_DPI
from redaction.files.export import REPORT_NAME
from redaction.pipeline.protocols import LeakDetector

#: progress(done, total, task, records): after each file checked, and once as (0, total, None, None)
Progress = Callable[[int, int, FileTask | None, list[PageRecord] | None], None]


class AuditError(ValueError):
    """An audit that cannot start as asked (no such root, a report inside it, no dask); nothing checked."""


class AuditCancelled(Exception):
    """`run_audit` was asked to stop: the files finished before it are in the ledger (a re-run
    resumes from there); no result."""


@dataclass
class FileResult:
    """One file's page records, checked in this run or taken from the ledger (`reused`)."""

    task: FileTask
    records: list[PageRecord]
    reused: bool


@dataclass
class AuditResult:
    """Everything the reports need of one audit run."""

    roster: Roster
    root: Path
    matching: Matching
    files: list[FileResult]
    checked: int = 0                 # files checked in this run
    reused: int = 0                  # files taken from the ledger unchanged
    pages_checked: int = 0
    pages_reused: int = 0
    seconds: float = 0.0
    settings: dict[str, Any] = field(default_factory=dict)

    def applicants(self) -> list[dict[str, Any]]:
        """One entry per roster row, in roster order: status, how its folder was matched, and
        its files with their findings."""
        by_row: dict[int, list[FileResult]] = {}
        for f in self.files:
            by_row.setdefault(id(f.task.applicant), []).append(f)
        out: list[dict[str, Any]] = []
        for a in self.matching.assigned:
            files = by_row.get(id(a.row), [])
            reasons = []
            if a.folder is None:
                reasons.append("no folder under the root (missing)")
            elif not files:
                reasons.append("the folder is empty")
            entries: list[dict[str, Any]] = []
            for f in files:
                findings = [dict(page=r.page + 1, **_finding_json(x)) for r in f.records for x in r.findings]
                status = "fail" if any(r.status == "fail" for r in f.records) else "pass"
                entries.append({"file": f.task.file, "status": status, "pages": len(f.records), "findings": findings})
            failing = [e for e in entries if e["status"] == "fail"]
            if failing:
                kinds = sorted({x["kind"] for e in failing for x in e["findings"] if x["severity"] == "fail"})
                reasons.append(f"{len(failing)} file(s) fail: " + ", ".join(kinds))
            out.append({"序号": a.row.seq, "姓名": a.row.name, "工作单位": a.row.employer, "row": a.row.row,
                        "folder": a.folder.name if a.folder else None, "matched_by": a.how,
                        "status": "fail" if reasons else "pass", "reasons": reasons, "files": entries})
        return out


def _finding_json(f: Finding) -> dict[str, Any]:
    return {"kind": f.kind, "severity": f.severity, "box": f.box, "text": f.text, "detail": f.detail}


# --- settings and keys ------------------------------------------------------------------------

def model_versions(ocr: str) -> dict[str, str | None]:
    """What the findings depend on besides the code: the model files (by the manifest's hashes
    and the OCR package's version)."""
    import importlib.metadata as md

    out: dict[str, str | None] = {"ocr_engine": ocr}
    try:
        manifest = models_dir() / "manifest.json"
        out["manifest"] = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]
    except OSError:
        out["manifest"] = None
    for pkg in ("rapidocr_onnxruntime", "onnxruntime", "paddleocr"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            pass
    return out


def settings_for(ocr: str, dpi: int) -> dict[str, Any]:
    """What the findings depend on: audit and BlindMask versions, dpi, thresholds, models."""
    from redaction import __version__

    return {"audit": AUDIT_VERSION, "blindmask": __version__, "dpi": dpi, "min_short_side": MIN_SHORT_SIDE,
            "min_sharpness": MIN_SHARPNESS, "models": model_versions(ocr)}


def _key(obj: object) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def row_key(task: FileTask) -> str:
    """The roster row's content and the other applicants' terms (a new colleague on the roster
    can make a page misfiled)."""
    others = task.others.terms() if task.others else []
    return _key([task.applicant.key, sorted(t.key for t in others)])


# --- workers ------------------------------------------------------------------------------------

_check_lock = threading.Lock()


def check_in_worker(task: FileTask) -> list[PageRecord]:
    """`check_file` with the models of this worker process: what a process-pool worker and a
    Dask worker (models loaded by `cluster.DetectorPlugin`) both run for each file. The lock keeps
    a worker started with several threads on one detector at a time."""
    from redaction.pipeline import batch

    if batch._worker_detector is None:
        raise RuntimeError("no models loaded in this worker process")
    with _check_lock:
        return check_file(batch._worker_detector, task)


def settings_key(ocr: str, dpi: int) -> str:
    """The ledger's key of `settings_for(ocr, dpi)`."""
    return _key(settings_for(ocr, dpi))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def check_outputs(outputs: list[Path], root: Path) -> None:
    """Refuse an output (report, ledger) inside the root or inside a masked folder."""
    for out in outputs:
        if _inside(out, root):
            raise AuditError(f"{out} is inside --root {root}: the report names applicants and is never "
                             "written inside a masked folder; choose a path outside it")
        parent = out.resolve().parent
        for folder in (parent, *parent.parents):
            if (folder / REPORT_NAME).is_file():
                raise AuditError(f"{out} is inside the masked folder {folder} (it holds {REPORT_NAME}): "
                                 "choose a path outside it")


def run_audit(roster_path: str | Path, root: str | Path, *, ledger_path: str | Path, jobs: int = 1,
              ocr: str = "rapid", dpi: int = DEFAULT_DPI, quiet: bool = False, detector: LeakDetector | None = None,
              outputs: Iterable[str | Path] = (), progress: Progress | None = None,
              stop: Callable[[], bool] | None = None, scheduler: str | None = None) -> AuditResult:
    """The whole audit: roster → folders → files → the ledger (checked or reused) → result.
    The files to check run in this process (`jobs` 1), on `jobs` local worker processes, or on
    the Dask cluster whose scheduler is at `scheduler`; either way through `check_in_worker`.

    For a caller with its own display (the desktop app): `progress(done, total, task, records)`
    is called once with (0, total, None, None) when the files to check are known and after each
    file checked; `stop()` is asked before each file, and when it returns True the run ends with
    `AuditCancelled` (what was checked stays in the ledger)."""
    started = time.time()
    root = Path(root)
    if not root.is_dir():
        raise AuditError(f"--root {root}: no such folder")
    check_outputs([Path(ledger_path), *map(Path, outputs)], root)
    roster = read_roster(roster_path)
    for note in roster.notes:
        print(f"roster: {note}", file=sys.stderr)
    matching = match_folders(roster.rows, root)
    tasks = plan_files(matching, roster.rows, root, dpi)
    settings = settings_for(ocr, dpi)
    skey = _key(settings)
    result = AuditResult(roster, root, matching, [], settings=settings)
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, str, str]] = []
    with Ledger(ledger_path) as ledger:
        for i, task in enumerate(tasks):
            try:
                digest = file_hash(task.path)
            except OSError:
                digest = "unreadable"
            rkey = row_key(task)
            recorded = ledger.lookup(task.folder, task.file, digest, rkey, skey)
            if recorded is not None:
                results[i] = FileResult(task, recorded, True)
            else:
                todo.append((i, digest, rkey))
        total, done = len(todo), 0
        todo_keys = {i: (digest, rkey) for i, digest, rkey in todo}

        def finished(i: int, digest: str, rkey: str, records: list[PageRecord], store: bool = True) -> None:
            nonlocal done
            task = tasks[i]
            if store:
                ledger.store(task.folder, task.file, digest, rkey, skey, task.applicant.label, records)
            results[i] = FileResult(task, records, False)
            done += 1
            if progress is not None:
                progress(done, total, task, records)
            if not quiet:
                status = "fail" if any(r.status == "fail" for r in records) else "pass"
                print(f"[{done}/{total}] {task.folder}/{task.file}: {status}", file=sys.stderr, flush=True)

        if not quiet:
            print(f"audit: {len(roster.rows)} applicants, {len(tasks)} files; {len(tasks) - total} unchanged "
                  f"since the last run, {total} to check", file=sys.stderr, flush=True)
        if progress is not None:
            progress(0, total, None, None)
        jobs = max(1, min(jobs, total or 1))
        if total and scheduler:
            _run_on_cluster(scheduler, ocr, dpi, root, [(i, tasks[i]) for i, _, _ in todo], quiet,
                            lambda i, records, store: finished(i, *todo_keys[i], records, store))
        elif total and jobs == 1:
            if detector is None:
                from redaction.pipeline import batch

                batch._init_worker(ocr, batch.threads_per_worker(1), True)
                detector = batch._worker_detector
                assert detector is not None, "_init_worker has just made it"
            for i, digest, rkey in todo:
                if stop is not None and stop():
                    raise AuditCancelled()
                finished(i, digest, rkey, check_file(detector, tasks[i]))
        elif total:
            from redaction.pipeline import batch

            with ProcessPoolExecutor(max_workers=jobs, initializer=batch._init_worker,
                                     initargs=(ocr, batch.threads_per_worker(jobs), True),
                                     mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = {pool.submit(check_in_worker, tasks[i]): (i, digest, rkey) for i, digest, rkey in todo}
                for fut in as_completed(futures):
                    i, digest, rkey = futures[fut]
                    finished(i, digest, rkey, fut.result())
                    if stop is not None and stop() and done < total:
                        pool.shutdown(wait=True, cancel_futures=True)
                        raise AuditCancelled()
        ledger.prune({(t.folder, t.file) for t in tasks})
        result.files = [results[i] for i in range(len(tasks))]
        result.checked = sum(1 for f in result.files if not f.reused)
        result.reused = len(result.files) - result.checked
        result.pages_checked = sum(len(f.records) for f in result.files if not f.reused)
        result.pages_reused = sum(len(f.records) for f in result.files if f.reused)
        ledger.record_run(started, len(tasks), result.checked, result.reused, settings)
    result.seconds = time.time() - started
    return result


def _run_on_cluster(address: str, ocr: str, dpi: int, root: Path, todo: list[tuple[int, FileTask]], quiet: bool,
                    finished: Callable[[int, list[PageRecord], bool], None]) -> None:
    """Check `todo`'s files on the Dask cluster at `address`, storing each result as it comes."""
    try:
        from redaction.audit import cluster
    except ImportError as exc:
        raise AuditError(f"--scheduler needs dask.distributed ({exc.name} is not installed): "
                         "pip install 'blindmask[cluster]'") from exc
    try:
        client = cluster.connect(address, ocr)
    except cluster.ClusterError as exc:
        raise AuditError(str(exc)) from exc
    try:
        try:
            workers = cluster.check_workers(client, [str(root.resolve()), todo[0][1].path],
                                            functools.partial(settings_key, ocr, dpi))
        except cluster.ClusterError as exc:
            raise AuditError(str(exc)) from exc
        if not quiet:
            threads = sum(client.nthreads().values())
            print(f"audit: on the Dask cluster at {address}: {len(workers)} worker(s), {threads} thread(s)",
                  file=sys.stderr, flush=True)

        def resubmitted(k: int, exc: BaseException) -> None:
            if not quiet:
                print(f"  {todo[k][1].folder}/{todo[k][1].file}: {type(exc).__name__} (a worker died?), "
                      "checking it again", file=sys.stderr, flush=True)

        for k, outcome in cluster.run_as_completed(client, check_in_worker, [_for_the_wire(t) for _, t in todo],
                                                   on_resubmit=resubmitted):
            i = todo[k][0]
            if isinstance(outcome, cluster.Lost):   # not stored: the next run checks it again
                finished(i, [PageRecord(0, "fail", [_lost_finding(outcome.reason)])], False)
            else:
                finished(i, outcome, True)
    finally:
        client.close()


def _for_the_wire(task: FileTask) -> FileTask:
    """What a cluster worker needs of a task: the check reads only the applicant's profile (name,
    aliases, employers), so the rest of the roster row (身份证号码, every other column) stays on
    this computer."""
    row = dataclasses.replace(task.applicant, id_number="", cells={})
    return dataclasses.replace(task, applicant=row)


def _lost_finding(reason: str) -> Finding:
    from redaction.audit.check import _finding

    return _finding("unreadable", detail=f"not checked: {reason}")
