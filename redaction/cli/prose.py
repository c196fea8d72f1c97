"""`blindmask prose`: names and employers → "XX" in work summaries, CVs and project descriptions.

    blindmask prose FILE... --profile FILE --out DIR [--accept-suggestions] [--json OUT]
    blindmask prose FILE... --profile FILE --check [--fail-on any|exact] [--json OUT]

FILE is a .docx, .txt or .md file, or a folder (walked recursively, sorted). Exact occurrences of
the profile's name, aliases and employers are replaced; suggestions (short employer forms such as
生态环境局, family name + title such as 王工) are listed and replaced only with
--accept-suggestions. `--check` writes nothing and exits 1 if anything is found — by default a
suggestion counts too (recall first: a short form of the employer is exactly what gets files
refused); `--fail-on exact` makes only exact occurrences count.

Exit codes: 0 ok; 1 --check found something; 2 usage or profile error; 3 some input could not be
read or written (the others were still processed, each failure is reported).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from redaction.cli.errors import Exit, UsageError
from redaction.files.export import ExportError, write_atomic
from redaction.files.naming import OutputNamer
from redaction.model.profile import load_profile
from redaction.prose import (
    REPORT_NAME,
    RULE_LABELS,
    SUPPORTED_SUFFIXES,
    Finding,
    ProseReport,
    process_file,
    reports_to_json,
    scan_file,
)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `blindmask prose` to the command line."""
    p = subparsers.add_parser(
        "prose", help="replace the name and employer by XX in .docx/.txt/.md (work summary, CV)",
        description="文字材料: replace the applicant's name, aliases and employers by XX in work "
                    "summaries, CVs and project descriptions (.docx .txt .md), or --check them.")
    p.add_argument("paths", nargs="+", metavar="FILE", help=".docx, .txt or .md file, or a folder")
    p.add_argument("--profile", required=True, metavar="FILE", help="applicant profile (TOML)")
    p.add_argument("--out", metavar="DIR", help=f"write the XX'd copies (and {REPORT_NAME}) here")
    p.add_argument("--check", action="store_true",
                   help="only report what is found; write nothing; exit 1 if anything is found")
    p.add_argument("--accept-suggestions", action="store_true",
                   help="also replace suggestions (short employer forms, family name + title)")
    p.add_argument("--fail-on", choices=("any", "exact"), default="any",
                   help="--check: what makes it exit 1: any finding incl. suggestions (default) "
                        "or exact occurrences only")
    p.add_argument("--json", metavar="OUT", help="also write the JSON report here ('-' for stdout)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run)


def _collect(paths: Iterable[str], exclude: Path | None) -> tuple[list[tuple[Path, Path]], list[ProseReport]]:
    """(input, relative output path) pairs, and reports for inputs that cannot be used."""
    items: list[tuple[Path, Path]] = []
    bad: list[ProseReport] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if exclude is not None and (f.resolve() == exclude or exclude in f.resolve().parents):
                    continue
                if (f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                        and not f.name.startswith(("~$", ".")) ):
                    items.append((f, f.relative_to(path)))
        elif path.is_file():
            items.append((path, Path(path.name)))
        else:
            bad.append(ProseReport(str(path), error="no such file or folder"))
    return items, bad


def _print_finding(path: str, f: Finding, stream: TextIO) -> None:
    o = f.occurrence
    tag = "MAYBE" if o.suggestion else "FOUND"
    what = f"{o.kind} «{o.text}»"
    if o.suggestion:
        what += f" ({RULE_LABELS.get(o.rule, o.rule)}; {o.term})"
    print(f"{tag}  {path}  {f.location}  {what}  …{f.context}…", file=stream)


def _write_json(target: str, reports: Iterable[ProseReport], **extra: object) -> None:
    text = reports_to_json(reports, **extra)
    if target == "-":
        sys.stdout.write(text + "\n")
    else:
        write_atomic(Path(target), (text + "\n").encode("utf-8"))


def run(args: argparse.Namespace) -> int:
    """`blindmask prose`: replace, or --check, the files given."""
    quiet = getattr(args, "quiet", False)

    def progress(msg: str) -> None:
        if not quiet:
            print(msg, file=sys.stderr, flush=True)

    if args.check and args.out:
        raise UsageError("give either --check (report only) or --out DIR (write copies), not both")
    if not args.check and not args.out:
        raise UsageError("give --out DIR to write copies with XX, or --check to only report")
    profile = load_profile(args.profile)
    out = Path(args.out).resolve() if args.out else None
    items, bad = _collect(args.paths, out)
    if out is not None and (any(inp.resolve().parent == out for inp, _ in items)
                            or any(Path(r).is_dir() and Path(r).resolve() == out for r in args.paths)):
        raise UsageError(f"--out {args.out} holds the inputs: choose another folder "
                     "(nothing is written next to the inputs)")
    if not items and not bad:
        raise UsageError("no .docx, .txt or .md files found in " + ", ".join(map(str, args.paths)))
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create output folder {args.out}: {exc.strerror or exc}") from None

    reports: list[ProseReport] = list(bad)
    for r in bad:
        print(f"error: {r.path}: {r.error}", file=sys.stderr)
    total = len(items)
    namer = OutputNamer(out, protected={inp.resolve() for inp, _ in items}) if out is not None else None
    found_any = found_exact = False
    for i, (inp, rel) in enumerate(items, start=1):
        progress(f"[{i}/{total}] {inp}")
        if args.check:
            report = scan_file(inp, profile)
        else:
            assert namer is not None   # --out is given whenever --check is not
            target = namer.claim_copy(rel, profile)
            report = process_file(inp, target, profile, accept_suggestions=args.accept_suggestions)
            if report.remaining and not report.error:
                left = [f for f in report.remaining if not f.occurrence.suggestion]
                if left:  # should not happen: every exact occurrence is accepted on the CLI
                    report.error = (f"{len(left)} exact occurrence(s) still in the output: "
                                    + ", ".join(f"{f.location} «{f.occurrence.text}»" for f in left))
        reports.append(report)
        if report.error:
            print(f"error: {inp}: {report.error}", file=sys.stderr)
            continue
        if args.check:
            for f in report.findings:
                _print_finding(str(inp), f, sys.stdout)
            for w in report.warnings:
                print(f"NOTE   {inp}  {w}")
            if not report.findings and not quiet:
                print(f"ok     {inp}")
            found_exact |= bool(report.exact)
            found_any |= bool(report.findings)
        else:
            pending = [f for f in report.findings if not f.replaced]
            print(f"{inp} → {report.output}: {len(report.replaced)} replaced by XX"
                  + (f", {len(pending)} suggestion(s) left for you to check" if pending else ""))
            for f in pending:
                _print_finding(str(inp), f, sys.stdout)
            for w in report.warnings:
                print(f"NOTE   {inp}  {w}")

    try:
        extra = {"mode": "check" if args.check else "replace",
                 "accept_suggestions": bool(args.accept_suggestions)}
        if out is not None:
            _write_json(str(out / REPORT_NAME), reports, **extra)
            progress(f"report: {out / REPORT_NAME}")
        if args.json:
            _write_json(args.json, reports, **extra)
    except ExportError as exc:
        print(f"blindmask: error: {exc}", file=sys.stderr)
        return Exit.UNREADABLE

    if args.check and (found_exact or (found_any and args.fail_on == "any")):
        return Exit.FOUND
    if any(r.error for r in reports):
        return Exit.UNREADABLE
    return Exit.OK
