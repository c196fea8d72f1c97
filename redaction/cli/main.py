"""`blindmask`: the parser of every subcommand (../shared/CONTRACT.md; extended, never broken), and
`main`, which runs one and turns usage errors and Ctrl+C into the exit-code table's codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from redaction import __version__
from redaction.cli import audit as audit_cli, prose as prose_cli
from redaction.cli.errors import Exit, UsageError
from redaction.cli.images import (
    _dpi,
    _fill,
    _jobs,
    _quality,
    cmd_demo,
    cmd_gui,
    cmd_propose,
    cmd_redact,
    cmd_verify,
)
from redaction.files.document import DEFAULT_DPI
from redaction.files.export import DEFAULT_QUALITY
from redaction.model.profile import ProfileError


def build_parser() -> argparse.ArgumentParser:
    """The parser of `blindmask` and all its subcommands."""
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

    prose_cli.add_parser(sub)
    audit_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns its exit code (usage errors and Ctrl+C included)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", 0) is None:
        from redaction.pipeline.batch import default_jobs

        args.jobs = default_jobs()
    try:
        return int(args.func(args) or 0)
    except (ProfileError, UsageError) as exc:
        print(f"{getattr(exc, 'prog', 'blindmask')}: error: {exc}", file=sys.stderr)
        return Exit.USAGE
    except KeyboardInterrupt:
        print("blindmask: cancelled (files already written are complete; nothing is half-written)",
              file=sys.stderr)
        return Exit.CANCELLED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
