"""`blindmask audit`: check every applicant of a roster in one run, resumable, with a report.

    blindmask audit ROSTER --root DIR [--report FILE.html] [--xlsx FILE] [--json FILE]
                    [--ledger FILE] [--jobs N | --scheduler tcp://HOST:8786] [--dpi N]
                    [--ocr rapid|paddle] [--quiet]

ROSTER is the 申报人员花名册 (.xlsx, or .csv in UTF-8 or GBK); DIR holds one masked folder per
applicant, named with their 序号, 姓名 or 身份证号码. The report (default `audit-report.html` in
the current folder) and the ledger (default `audit.sqlite` beside the report) are never written
inside DIR: the masked folders are what gets forwarded, and the report names the applicants.

Exit codes: 0 every applicant passes; 1 some applicant fails (or has no folder); 2 usage error
(a roster without 姓名 or 工作单位, an output inside DIR ...).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from redaction.audit.roster import RosterError
from redaction.audit.run import AuditError, run_audit
from redaction.cli.errors import Exit, UsageError
from redaction.files.document import DEFAULT_DPI


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `blindmask audit` to the command line."""
    p = subparsers.add_parser(
        "audit", help="check every applicant of a roster (花名册) against their masked folder; report",
        description="HR clerks: check the masked attachments of every applicant on a roster (.xlsx or "
                    ".csv) in one run; re-runs check only what changed; writes an HTML report.")
    p.add_argument("roster", metavar="ROSTER", help="申报人员花名册: .xlsx, or .csv (UTF-8 or GBK)")
    p.add_argument("--root", required=True, metavar="DIR", help="one masked folder per applicant in here")
    p.add_argument("--report", default="audit-report.html", metavar="FILE.html",
                   help="the HTML report (default audit-report.html; never inside DIR)")
    p.add_argument("--xlsx", metavar="FILE", help="also a spreadsheet: one row per applicant")
    p.add_argument("--json", metavar="FILE", help="also JSON: applicants with 序号, status, findings per file")
    p.add_argument("--ledger", metavar="FILE", help="the SQLite ledger (default audit.sqlite beside the report)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core, at most 4)")
    p.add_argument("--scheduler", metavar="tcp://HOST:8786",
                   help="run the checks on this dask.distributed cluster instead of local worker processes "
                        "(pip install 'blindmask[cluster]'; every worker must see the files at the same paths)")
    p.add_argument("--dpi", type=int, default=DEFAULT_DPI, help="PDF render resolution (default 200)")
    p.add_argument("--ocr", choices=("rapid", "paddle"), default="rapid")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """`blindmask audit`: check every applicant of the roster and write the reports."""
    from redaction.audit.report import write_html, write_json, write_xlsx
    from redaction.pipeline import batch

    report = Path(args.report)
    ledger_path = Path(args.ledger) if args.ledger else report.resolve().parent / "audit.sqlite"
    outputs = [report] + [Path(p) for p in (args.xlsx, args.json) if p]
    jobs = args.jobs or batch.default_jobs()
    try:
        result = run_audit(args.roster, args.root, ledger_path=ledger_path, jobs=max(1, jobs), ocr=args.ocr,
                           dpi=args.dpi, quiet=args.quiet, outputs=outputs,
                           scheduler=args.scheduler)
    except (RosterError, AuditError) as exc:
        raise UsageError(str(exc), prog="blindmask audit") from None
    write_html(result, report)
    if args.xlsx:
        write_xlsx(result, Path(args.xlsx))
    if args.json:
        write_json(result, Path(args.json))
    applicants = result.applicants()
    failing = [a for a in applicants if a["status"] == "fail"]
    print(f"{len(applicants) - len(failing)} of {len(applicants)} applicants pass, {len(failing)} fail; "
          f"{len(result.matching.unassigned)} folder(s) unassigned. Files checked {result.checked}, "
          f"unchanged {result.reused} (pages {result.pages_checked} / {result.pages_reused}) in "
          f"{result.seconds:.1f} s. Report: {report}", flush=True)
    return Exit.FOUND if failing else Exit.OK
