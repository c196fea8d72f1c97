"""The audit's ledger: one SQLite row per page checked, so a re-run checks only what changed and
a killed run resumes where it stopped.

A page row holds the applicant's folder and the file (relative), the file's SHA-256, the roster
row's key (its content and the other applicants' terms, which decide misfiled pages), the
settings key (dpi, OCR engine, thresholds, audit and model versions), status and findings as JSON.
A file's rows are replaced in one transaction when its check finishes: a run killed at any
moment leaves every file either fully recorded or not at all, and the next run re-checks
exactly the files that are not recorded with their current keys.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Literal

from redaction.audit.check import PageRecord, record_from_json, record_to_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    folder TEXT NOT NULL, file TEXT NOT NULL, page INTEGER NOT NULL,
    file_hash TEXT NOT NULL, row_key TEXT NOT NULL, settings_key TEXT NOT NULL,
    applicant TEXT NOT NULL, status TEXT NOT NULL, findings TEXT NOT NULL,
    checked_at REAL NOT NULL,
    PRIMARY KEY (folder, file, page));
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL, finished REAL,
    files INTEGER, checked INTEGER, reused INTEGER, settings TEXT);
"""


class Ledger:
    """The ledger's SQLite file, open; a context manager that closes it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), isolation_level=None)   # explicit transactions
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, folder: str, file: str, file_hash: str, row_key: str, settings_key: str
               ) -> list[PageRecord] | None:
        """The file's recorded pages if they were checked with exactly these keys, else None."""
        rows = self.db.execute(
            "SELECT page, file_hash, row_key, settings_key, findings FROM pages WHERE folder=? AND file=? "
            "ORDER BY page", (folder, file)).fetchall()
        if not rows or any((r[1], r[2], r[3]) != (file_hash, row_key, settings_key) for r in rows):
            return None
        return [record_from_json(json.loads(r[4])) for r in rows]

    def store(self, folder: str, file: str, file_hash: str, row_key: str, settings_key: str,
              applicant: str, records: list[PageRecord]) -> None:
        """Replace the file's rows, all pages in one transaction."""
        now = time.time()
        with self._transaction():
            self.db.execute("DELETE FROM pages WHERE folder=? AND file=?", (folder, file))
            self.db.executemany(
                "INSERT INTO pages VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(folder, file, rec.page, file_hash, row_key, settings_key, applicant, rec.status,
                  json.dumps(record_to_json(rec), ensure_ascii=False, sort_keys=True), now) for rec in records])

    def prune(self, keep: set[tuple[str, str]]) -> int:
        """Drop rows of files that are no longer part of the audit; returns how many files."""
        present = {tuple(r) for r in self.db.execute("SELECT DISTINCT folder, file FROM pages")}
        gone = present - keep
        with self._transaction():
            for folder, file in gone:
                self.db.execute("DELETE FROM pages WHERE folder=? AND file=?", (folder, file))
        return len(gone)

    def record_run(self, started: float, files: int, checked: int, reused: int, settings: dict[str, Any]) -> None:
        """Add a row for one audit run (when, how many files, with which settings)."""
        with self._transaction():
            self.db.execute("INSERT INTO runs (started, finished, files, checked, reused, settings) "
                            "VALUES (?,?,?,?,?,?)",
                            (started, time.time(), files, checked, reused, json.dumps(settings, sort_keys=True)))

    def snapshot(self) -> list[tuple[Any, ...]]:
        """Every page row without its timestamp (what two runs must agree on)."""
        return self.db.execute("SELECT folder, file, page, file_hash, row_key, settings_key, applicant, "
                               "status, findings FROM pages ORDER BY folder, file, page").fetchall()

    def _transaction(self) -> AbstractContextManager[None]:
        db = self.db

        class _Tx:
            def __enter__(self_inner) -> None:
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self_inner, exc_type: type[BaseException] | None, *rest: object) -> Literal[False]:
                db.execute("ROLLBACK" if exc_type else "COMMIT")
                return False

        return _Tx()
