"""One exit-code table for every subcommand, and the one usage error the command line reports."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """What `blindmask` returns (../shared/CONTRACT.md; `audit`, `prose` and `verify` share 1)."""

    OK = 0            # success
    FOUND = 1         # verify: something unmasked; prose --check: something to replace;
                      # audit: an applicant fails or has no folder
    USAGE = 2         # usage, profile or roster error; nothing was done
    UNREADABLE = 3    # some inputs could not be read (the others were processed and reported)
    CANCELLED = 130   # Ctrl+C (128 + SIGINT)


class UsageError(Exception):
    """A command line that cannot run as given: one line on stderr (`PROG: error: ...`), exit 2."""

    def __init__(self, message: str, prog: str = "blindmask"):
        super().__init__(message)
        self.prog = prog
