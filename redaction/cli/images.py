"""`blindmask propose|redact|verify|demo|gui`: the image commands of ../shared/CONTRACT.md."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

from redaction.assets import resources_dir
from redaction.cli.errors import Exit, UsageError
from redaction.files.burn import parse_color
from redaction.files.document import DEFAULT_DPI, SUPPORTED_SUFFIXES, InputFile, collect_inputs
from redaction.files.export import DEFAULT_QUALITY, REPORT_NAME, ExportError, folder_report
from redaction.files.proposals import load as load_review, save as save_review
from redaction.model.kinds import REQUIRED_KINDS
from redaction.model.profile import Profile, load_profile
from redaction.model.review import DocumentResult, ReviewFileError, dumps


class Reporter:
    """Progress and problems on stderr (pages as workers finish them, files in input order);
    `--quiet` keeps only problems."""

    def __init__(self, quiet: bool, total_files: int):
        self.quiet, self.total, self.done = quiet, total_files, 0

    def finished(self, index: int, doc: DocumentResult) -> None:
        """Report one finished file (`batch.run`'s on_done)."""
        self.done += 1
        if doc.error:
            print(f"error: {doc.path}: {doc.error}", file=sys.stderr, flush=True)
        elif not self.quiet:
            print(f"[{self.done}/{self.total}] {doc.path}: {len(doc.pages)} page(s) done",
                  file=sys.stderr, flush=True)


def _profile(args: argparse.Namespace) -> Profile:
    if not args.profile:
        raise UsageError("--profile FILE is required")
    return load_profile(args.profile)


def _inputs(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> list[InputFile]:
    try:
        inputs = collect_inputs(paths, exclude=exclude)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or folder: {exc}") from None
    if not inputs:
        raise UsageError("no supported files found (" + " ".join(SUPPORTED_SUFFIXES) + ")")
    return inputs


def _write_json(path: str, docs: list[DocumentResult]) -> None:
    if path == "-":
        sys.stdout.write(dumps(docs) + "\n")
    else:
        save_review(path, docs)


def _exit_code(docs: list[DocumentResult]) -> int:
    return Exit.UNREADABLE if any(d.error for d in docs) else Exit.OK


def cmd_propose(args: argparse.Namespace) -> int:
    """`blindmask propose`: detect and write the proposals JSON."""
    from redaction.pipeline import batch

    profile = _profile(args)
    inputs = _inputs(args.paths)
    reporter = Reporter(args.quiet, len(inputs))
    docs = batch.run("propose", inputs, profile, jobs=args.jobs, ocr=args.ocr, dpi=args.dpi,
                     quiet=args.quiet, on_done=reporter.finished)
    _write_json(args.json, docs)
    return _exit_code(docs)


def _check_out_dir(out: Path, paths: Iterable[str | Path]) -> None:
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and p.resolve() == out.resolve():
            raise UsageError(f"--out {out} is an input folder: choose another folder "
                             "(inputs are never overwritten)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".blindmask-probe-", dir=str(out))
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"cannot write to output folder {out}: {exc.strerror or exc}") from None


def run_redact(paths: Sequence[str | Path], profile: Profile, out: Path, *, dpi: int = DEFAULT_DPI,
               fill: tuple[int, int, int] = (0, 0, 0), quality: int = DEFAULT_QUALITY,
               review_path: str | None = None, quiet: bool = False, ocr: str = "rapid",
               jobs: int = 1) -> tuple[int, list[DocumentResult]]:
    """Mask `paths` into `out` (detecting, or burning a review file's regions) and write the
    folder's report; (exit code, one result per input)."""
    from redaction.pipeline import batch
    from redaction.pipeline.steps import RedactOptions

    out = Path(out)
    _check_out_dir(out, paths)
    inputs = _inputs(paths, exclude=[out])
    reviews: list[DocumentResult | str] | None = None
    if review_path:
        reviewed: dict[str, DocumentResult] = {}
        try:
            for d in load_review(review_path):
                reviewed[d.path] = d
                reviewed.setdefault(str(Path(d.path).resolve()), d)
        except ReviewFileError as exc:
            raise UsageError(str(exc)) from None
        reviews = []
        for inp in inputs:
            review = reviewed.get(str(inp.path)) or reviewed.get(str(inp.path.resolve()))
            if review is None:
                reviews.append("not in the review file: run propose on it first")
            elif review.error:
                reviews.append(f"the review file marks it unreadable: {review.error}")
            else:
                reviews.append(review)
    options = RedactOptions(out_dir=out, dpi=dpi, fill=fill, quality=quality)
    reporter = Reporter(quiet, len(inputs))
    docs: list[DocumentResult | None] = [None] * len(inputs)

    def done(i: int, doc: DocumentResult) -> None:
        docs[i] = doc
        reporter.finished(i, doc)

    report_written = False
    try:
        batch.run("redact", inputs, profile, jobs=jobs, ocr=ocr, dpi=dpi, options=options,
                  reviews=reviews, quiet=quiet, on_done=done)
    finally:
        # Even after Ctrl-C the report lists every file finished so far. Nothing in it names
        # the applicant (folder_report): the folder is what gets zipped and forwarded.
        try:
            save_review(out / REPORT_NAME, folder_report([d for d in docs if d is not None], profile))
            report_written = True
        except ExportError as exc:
            print(f"error: the report could not be written: {exc}", file=sys.stderr, flush=True)
    finished = cast(list[DocumentResult], docs)  # batch.run has returned: every input has its result
    code = _exit_code(finished)
    return (code if report_written else Exit.UNREADABLE), finished


def cmd_redact(args: argparse.Namespace) -> int:
    """`blindmask redact`: write masked JPEGs."""
    profile = _profile(args)
    code, _ = run_redact(args.paths, profile, Path(args.out), dpi=args.dpi, fill=args.fill,
                         quality=args.quality, review_path=args.review, quiet=args.quiet, ocr=args.ocr,
                         jobs=args.jobs)
    return code


def cmd_verify(args: argparse.Namespace) -> int:
    """`blindmask verify`: report what is still visible in masked files."""
    from redaction.pipeline import batch

    profile = _profile(args)
    inputs = _inputs(args.paths)
    reporter = Reporter(args.quiet, len(inputs))
    leaks = 0

    def done(i: int, doc: DocumentResult) -> None:
        nonlocal leaks
        reporter.finished(i, doc)
        for page in doc.pages:
            for r in page.regions:
                leaks += 1
                text = f" «{r.text}»" if r.text else ""
                evidence = r.extra.get("evidence")
                why = f" — {evidence}" if evidence else ""
                print(f"LEAK {doc.path} page {page.index + 1}: {r.kind} at {list(r.bbox)}{text}{why}", flush=True)
        if not doc.error and not any(p.regions for p in doc.pages) and not args.quiet:
            print(f"ok   {doc.path}", flush=True)

    docs = batch.run("verify", inputs, profile, jobs=args.jobs, ocr=args.ocr, dpi=args.dpi,
                     quiet=args.quiet, on_done=done)
    if args.json:
        _write_json(args.json, docs)
    if leaks:
        return Exit.FOUND
    return _exit_code(docs)


def samples_dir() -> Path:
    """The bundled sample attachments and their profile."""
    return resources_dir() / "samples"


def cmd_demo(args: argparse.Namespace) -> int:
    """`blindmask demo`: mask the bundled samples."""
    samples = samples_dir()
    profile = load_profile(samples / "profile.toml")
    out = Path(args.out)
    print(f"BlindMask demo: masking the sample attachments in {samples}", file=sys.stderr)
    print(f"applicant: {profile.name}; employers: {', '.join(profile.employers)}", file=sys.stderr)
    code, docs = run_redact([samples], profile, out, dpi=args.dpi, quiet=args.quiet, ocr=args.ocr,
                            jobs=args.jobs)
    kinds = Counter(r.kind for d in docs for p in d.pages for r in p.accepted())
    pages = sum(len(d.pages) for d in docs)
    print(f"{pages} pages from {len(docs)} files masked into {out.resolve()}")
    print("masked: " + ", ".join(f"{k} ×{kinds.get(k, 0)}" for k in REQUIRED_KINDS))
    for d in docs:
        for p in d.pages:
            print(f"  {p.output}  ({len(p.accepted())} boxes)")
        if d.error:
            print(f"  {d.path}: ERROR {d.error}")
    print(f"report: {out / REPORT_NAME}")
    return code


def cmd_gui(args: argparse.Namespace) -> int:
    """`blindmask gui`: start the desktop app."""
    from app.main import run_gui

    return int(run_gui(args.paths, args.profile))   # the GUI is outside the typed core


def _dpi(text: str) -> int:
    value = int(text)
    if not 50 <= value <= 1200:
        raise argparse.ArgumentTypeError("--dpi must be between 50 and 1200")
    return value


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return value


def _quality(text: str) -> int:
    value = int(text)
    if not 30 <= value <= 100:
        raise argparse.ArgumentTypeError("--quality must be between 30 and 100")
    return value


def _fill(text: str) -> tuple[int, int, int]:
    try:
        return parse_color(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
