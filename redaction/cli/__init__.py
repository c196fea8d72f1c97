"""The command line: `blindmask propose|redact|verify|demo|gui|prose|audit` (see ../shared/CONTRACT.md)."""

from redaction.cli.main import main

__all__ = ["main"]
