"""The `blindmask` command (see ../shared/CONTRACT.md; extended, never broken)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from . import __version__
from .burn import parse_color
from .document import DEFAULT_DPI, SUPPORTED_SUFFIXES, InputFile, collect_inputs
from .export import DEFAULT_QUALITY, REPORT_NAME, ExportError, folder_report
from .profile import Profile, ProfileError, load_profile
from .review import DocumentResult, ReviewFileError, dumps, load as load_review, save as save_review

EXIT_OK, EXIT_LEAK, EXIT_USAGE, EXIT_UNREADABLE, EXIT_CANCELLED = 0, 1, 2, 3, 130


class UsageError(Exception):
    pass


class Reporter:
    """Progress and problems on stderr (pages as workers finish them, files in input order);
    `--quiet` keeps only problems."""

    def __init__(self, quiet: bool, total_files: int):
        self.quiet, self.total, self.done = quiet, total_files, 0

    def finished(self, index: int, doc: DocumentResult) -> None:
        self.done += 1
        if doc.error:
            print(f"error: {doc.path}: {doc.error}", file=sys.stderr, flush=True)
        elif not self.quiet:
            print(f"[{self.done}/{self.total}] {doc.path}: {len(doc.pages)} page(s) done",
                  file=sys.stderr, flush=True)


def _profile(args) -> Profile:
    if not args.profile:
        raise UsageError("--profile FILE is required")
    return load_profile(args.profile)


def _inputs(paths, exclude=()) -> list[InputFile]:
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
    return EXIT_UNREADABLE if any(d.error for d in docs) else EXIT_OK


def cmd_propose(args) -> int:
    from . import batch

    profile = _profile(args)
    inputs = _inputs(args.paths)
    reporter = Reporter(args.quiet, len(inputs))
    docs = batch.run("propose", inputs, profile, jobs=args.jobs, ocr=args.ocr, dpi=args.dpi,
                     quiet=args.quiet, on_done=reporter.finished)
    _write_json(args.json, docs)
    return _exit_code(docs)


def _check_out_dir(out: Path, paths) -> None:
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


def run_redact(paths, profile: Profile, out: Path, *, dpi: int = DEFAULT_DPI, fill=(0, 0, 0),
               quality: int = DEFAULT_QUALITY, review_path: str | None = None, quiet: bool = False,
               ocr: str = "rapid", jobs: int = 1) -> tuple[int, list[DocumentResult]]:
    from . import batch
    from .pipeline import RedactOptions

    out = Path(out)
    _check_out_dir(out, paths)
    inputs = _inputs(paths, exclude=[out])
    reviews = None
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
    code = _exit_code(docs)
    return (code if report_written else EXIT_UNREADABLE), docs


def cmd_redact(args) -> int:
    profile = _profile(args)
    code, _ = run_redact(args.paths, profile, Path(args.out), dpi=args.dpi, fill=args.fill,
                         quality=args.quality, review_path=args.review, quiet=args.quiet, ocr=args.ocr,
                         jobs=args.jobs)
    return code


def cmd_verify(args) -> int:
    from . import batch

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
        return EXIT_LEAK
    return _exit_code(docs)


def samples_dir() -> Path:
    import resources

    return Path(resources.__file__).resolve().parent / "samples"


def cmd_demo(args) -> int:
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
    print("masked: " + ", ".join(f"{k} ×{kinds.get(k, 0)}" for k in ("name", "employer", "seal", "eyes")))
    for d in docs:
        for p in d.pages:
            print(f"  {p.output}  ({len(p.accepted())} boxes)")
        if d.error:
            print(f"  {d.path}: ERROR {d.error}")
    print(f"report: {out / REPORT_NAME}")
    return code


def cmd_gui(args) -> int:
    from app.main import run_gui

    return run_gui(args.paths, args.profile)


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


def _fill(text: str):
    try:
        return parse_color(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="blindmask", description="盲评遮盖助手 BlindMask: mask names, "
                                     "employers, seals and eyes in scanned attachments, offline.")
    parser.add_argument("--version", action="version", version=f"blindmask {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dpi", type=_dpi, default=DEFAULT_DPI, help="PDF render resolution (default 200)")
    common.add_argument("--quiet", action="store_true", help="no progress on stderr")
    common.add_argument("--ocr", choices=("rapid", "paddle"), default="rapid",
                        help="OCR engine: rapid (PP-OCRv4 on ONNX Runtime, default) or paddle (extra [paddle])")
    common.add_argument("--jobs", type=_jobs, default=None,
                        help="worker processes (default: one per core, at most 4; each loads the models once)")

    p = sub.add_parser("propose", parents=[common], help="detect and write proposals JSON; burn nothing")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--profile", required=True, metavar="FILE")
    p.add_argument("--json", required=True, metavar="OUT", help="proposals JSON to write ('-' for stdout)")
    p.set_defaults(func=cmd_propose)

    p = sub.add_parser("redact", parents=[common], help="detect (or take --review) and write masked JPEGs")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--profile", required=True, metavar="FILE")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--review", metavar="FILE", help="burn exactly the accepted regions of this proposals JSON")
    p.add_argument("--fill", type=_fill, default=(0, 0, 0), help="mask colour: black (default), white, #RRGGBB")
    p.add_argument("--quality", type=_quality, default=DEFAULT_QUALITY, help="JPEG quality (default 90)")
    p.set_defaults(func=cmd_redact)

    p = sub.add_parser("verify", parents=[common], help="check already-masked files for leaks (exit 1 if any)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--profile", required=True, metavar="FILE")
    p.add_argument("--json", metavar="OUT")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("demo", parents=[common], help="mask the bundled sample attachments")
    p.add_argument("--out", default="blindmask-demo", metavar="DIR")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("gui", help="start the desktop app")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--profile", metavar="FILE")
    p.set_defaults(func=cmd_gui)

    try:
        from . import prose_cli
    except ImportError:
        prose_cli = None
    if prose_cli is not None:
        prose_cli.add_parser(sub)
    from . import audit_cli

    audit_cli.add_parser(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 0) is None:
        from .batch import default_jobs

        args.jobs = default_jobs()
    try:
        return int(args.func(args) or 0)
    except (ProfileError, UsageError) as exc:
        print(f"blindmask: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("blindmask: cancelled (files already written are complete; nothing is half-written)",
              file=sys.stderr)
        return EXIT_CANCELLED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
