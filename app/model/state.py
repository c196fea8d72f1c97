"""The review state of the opened files: documents, pages, regions, decisions, and its autosave.

The model owns the data; the canvas and panels only display it and ask for changes, and every
change goes through a QUndoCommand (commands.py) that calls the mutators here. Each mutation emits
`pageChanged(doc, page)` and is autosaved at once (atomically, via redaction.files.proposals.save).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal

from redaction.files import proposals
from redaction.files.document import InputFile
from redaction.files.export import write_atomic
from redaction.model.profile import Profile, ProfileError, parse_profile
from redaction.model.regions import Region
from redaction.model.review import DocumentResult, PageResult, ReviewFileError

Key = tuple[int, int]  # (document index, page index)

# Page statuses shown in the file list.
PENDING, DETECTING, REVIEW, CONFIRMED, NO_MASK, ERROR = (
    "pending", "detecting", "review", "confirmed", "no_mask", "error")


@dataclass
class DocEntry:
    """One opened file: its input, its review result and the errors of single pages."""

    input: InputFile
    result: DocumentResult
    page_errors: dict[int, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        """The file on disk."""
        return self.input.path

    @property
    def page_count(self) -> int:
        """How many pages the file has (0 when it cannot be read)."""
        return len(self.result.pages)


def session_key(inputs: list[InputFile]) -> str:
    """The same set of files (in any order, opened as files or as their folder) → the same key."""
    names = sorted(str(Path(i.path).resolve()) for i in inputs)
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:24]


def sessions_dir() -> Path:
    """Where autosaved review sessions are kept."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".blindmask") / "sessions"


def _fingerprint(path: Path) -> list:
    try:
        st = Path(path).stat()
        return [st.st_size, int(st.st_mtime)]
    except OSError:
        return [None, None]


class ReviewState(QObject):
    """Every opened document with its pages, boxes and decisions; emits a signal on each change and autosaves."""

    pageChanged = Signal(int, int)      # regions, status or decision of one page changed
    reset = Signal()                    # a new set of documents
    profileChanged = Signal()
    focusRequested = Signal(int, int)   # undo/redo touched this page: show it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.docs: list[DocEntry] = []
        self.profile: Profile | None = None
        self.detected: set[Key] = set()
        self.detecting: set[Key] = set()
        self.session_path: Path | None = None
        self.autosave_enabled = True

    # --- documents -----------------------------------------------------------------------------
    def load_inputs(self, inputs: list[InputFile], counts: list[int | str]):
        """New documents: `counts[i]` is the page count, or an error message for unreadable files."""
        self.docs = []
        for inp, count in zip(inputs, counts, strict=True):
            if isinstance(count, str):
                res = DocumentResult(path=str(inp.path), error=count, pages=[])
            else:
                res = DocumentResult(path=str(inp.path), pages=[
                    PageResult(index=i, width=0, height=0, dpi=None) for i in range(count)])
            self.docs.append(DocEntry(inp, res))
        self.detected.clear()
        self.detecting.clear()
        self.session_path = sessions_dir() / f"{session_key(inputs)}.json" if inputs else None
        self.reset.emit()

    def keys(self) -> list[Key]:
        """Every readable page, as (document, page), in order."""
        return [(d, p) for d, doc in enumerate(self.docs) for p in range(doc.page_count)]

    def page(self, key: Key) -> PageResult:
        """The review result of one page."""
        return self.docs[key[0]].result.pages[key[1]]

    def regions(self, key: Key) -> list[Region]:
        """The boxes of one page (the list itself, not a copy)."""
        return self.page(key).regions

    def status(self, key: Key) -> str:
        """Where one page stands: error, confirmed, no mask, to review, detecting or pending."""
        doc = self.docs[key[0]]
        if doc.result.error or key[1] in doc.page_errors:
            return ERROR
        decision = self.page(key).decision
        if decision == "confirmed":
            return CONFIRMED
        if decision == "no_mask":
            return NO_MASK
        if key in self.detected:
            return REVIEW
        if key in self.detecting:
            return DETECTING
        return PENDING

    def error_docs(self) -> list[DocEntry]:
        """The documents that cannot be read."""
        return [d for d in self.docs if d.result.error]

    def undecided(self) -> list[Key]:
        """The pages without a decision (unreadable ones excepted)."""
        return [k for k in self.keys() if self.status(k) not in (CONFIRMED, NO_MASK, ERROR)]

    def counts(self) -> dict[str, int]:
        """How many pages have each status (unreadable documents count as errors)."""
        out: dict[str, int] = {}
        for k in self.keys():
            s = self.status(k)
            out[s] = out.get(s, 0) + 1
        out[ERROR] = out.get(ERROR, 0) + sum(1 for d in self.docs if d.result.error)
        return out

    # --- detection results (not undoable: they are not edits) ---------------------------------
    def set_detecting(self, key: Key, on: bool):
        """Mark a page as being detected, or no longer."""
        (self.detecting.add if on else self.detecting.discard)(key)
        self.pageChanged.emit(*key)

    def set_detected(self, key: Key, regions: list[Region], width: int, height: int, dpi,
                     rotation: int = 0):
        """Store a page's detection result (manual boxes are kept) and its size and rotation."""
        page = self.page(key)
        page.width, page.height, page.dpi = int(width), int(height), dpi
        page.rotation = int(rotation or 0)
        manual = [r for r in page.regions if r.source == "manual"]
        page.regions = list(regions) + manual
        self.detecting.discard(key)
        self.detected.add(key)
        self.docs[key[0]].page_errors.pop(key[1], None)
        self._changed(key)

    def set_page_error(self, key: Key, message: str):
        """Record that a page could not be read or detected."""
        self.docs[key[0]].page_errors[key[1]] = message
        self.detecting.discard(key)
        self._changed(key)

    def set_doc_error(self, d: int, message: str):
        """Record that a whole document could not be read."""
        self.docs[d].result.error = message
        for p in range(self.docs[d].page_count):
            self.detecting.discard((d, p))
        self.reset.emit()
        self.autosave()

    def set_page_size(self, key: Key, width: int, height: int, dpi):
        """Record a page's rendered size (autosaved when it changed)."""
        page = self.page(key)
        if (page.width, page.height) != (width, height):
            page.width, page.height, page.dpi = int(width), int(height), dpi
            self.autosave()

    def set_profile(self, profile: Profile | None):
        """Use `profile` for detection from now on."""
        self.profile = profile
        self.profileChanged.emit()
        self.autosave()

    # --- edits (called by undo commands only) -------------------------------------------------
    def index_of(self, key: Key, region: Region) -> int:
        """The position of `region` (by identity) in its page's list."""
        for i, r in enumerate(self.regions(key)):
            if r is region:
                return i
        raise ValueError("region not on page")

    def insert_region(self, key: Key, index: int, region: Region):
        """Put a box at `index` in a page's list."""
        self.regions(key).insert(index, region)
        self._changed(key)

    def remove_region(self, key: Key, region: Region) -> int:
        """Take a box off its page; returns where it was."""
        i = self.index_of(key, region)
        del self.regions(key)[i]
        self._changed(key)
        return i

    def set_accepted(self, key: Key, region: Region, value: bool):
        """Mask a box or not."""
        region.accepted = bool(value)
        self._changed(key)

    def set_accepted_many(self, key: Key, values: list[tuple[Region, bool]]):
        """Mask several boxes or not, as one change."""
        for r, v in values:
            r.accepted = bool(v)
        self._changed(key)

    def set_bbox(self, key: Key, region: Region, bbox):
        """Give a box a new rectangle (whole pixels)."""
        region.bbox = tuple(int(round(v)) for v in bbox)
        self._changed(key)

    def set_kind(self, key: Key, region: Region, kind: str):
        """Give a box another kind."""
        region.kind = kind
        self._changed(key)

    def set_decision(self, key: Key, decision: str | None):
        """Confirm a page, mark it as needing no mask, or (None) take the decision back."""
        self.page(key).decision = decision
        self._changed(key)

    def _changed(self, key: Key):
        self.pageChanged.emit(*key)
        self.autosave()

    # --- session -------------------------------------------------------------------------------
    def meta_path(self) -> Path | None:
        """The autosave's meta file next to its proposals file."""
        return self.session_path.with_suffix(".meta.json") if self.session_path else None

    def autosave(self):
        """Proposals JSON (with decisions) + a small meta file, both written atomically."""
        if not (self.autosave_enabled and self.session_path and self.docs):
            return
        proposals.save(self.session_path, [d.result for d in self.docs])
        meta = {
            "files": [{"path": str(d.input.path), "rel": str(d.input.rel),
                       "fingerprint": _fingerprint(d.input.path)} for d in self.docs],
            "detected": sorted([list(k) for k in self.detected]),
            "page_errors": [[d, p, m] for d, doc in enumerate(self.docs) for p, m in doc.page_errors.items()],
            "profile": self.profile.to_toml() if self.profile else None,
        }
        write_atomic(self.meta_path(), json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))

    def saved_session(self) -> dict | None:
        """A summary of the autosaved session for these files, or None when there is none usable."""
        if not (self.session_path and self.session_path.exists() and self.meta_path().exists()):
            return None
        try:
            docs = proposals.load(self.session_path)
            meta = json.loads(self.meta_path().read_text(encoding="utf-8"))
        except (ReviewFileError, OSError, ValueError):
            return None
        # the same files may have been opened in another order: match them by path
        by_path = {doc.path: (i, doc) for i, doc in enumerate(docs)}
        if len(docs) != len(self.docs) or any(str(d.input.path) not in by_path for d in self.docs):
            return None
        order = [by_path[str(d.input.path)][0] for d in self.docs]   # new index → saved index
        docs = [docs[i] for i in order]
        files = meta.get("files", [])
        changed = [d.path.as_posix() for i, d in zip(order, [e.input for e in self.docs], strict=True)
                   if i < len(files) and files[i].get("fingerprint") != _fingerprint(d.path)]
        new_of_old = {old: new for new, old in enumerate(order)}
        meta = dict(meta)
        meta["detected"] = [[new_of_old[k[0]], k[1]] for k in meta.get("detected", []) if k[0] in new_of_old]
        meta["page_errors"] = [[new_of_old[d], p, m] for d, p, m in meta.get("page_errors", [])
                               if d in new_of_old]
        decided = sum(1 for doc in docs for p in doc.pages if p.decision)
        total = sum(len(doc.pages) for doc in docs)
        return {"docs": docs, "meta": meta, "changed": changed, "decided": decided, "total": total,
                "detected": len(meta.get("detected", []))}

    def restore(self, saved: dict):
        """Take over an autosaved session from saved_session() (files whose page count changed stay fresh)."""
        for entry, doc in zip(self.docs, saved["docs"], strict=False):
            if doc.error is None and entry.result.error is None and len(doc.pages) != entry.page_count:
                continue  # the file changed its page count: keep it fresh
            entry.result = doc
        self.detected = {tuple(k) for k in saved["meta"].get("detected", [])
                         if k[0] < len(self.docs) and k[1] < self.docs[k[0]].page_count}
        for d, p, m in saved["meta"].get("page_errors", []):
            if d < len(self.docs):
                self.docs[d].page_errors[int(p)] = m
        toml = saved["meta"].get("profile")
        if toml and self.profile is None:
            try:
                self.profile = parse_profile(toml)
                self.profileChanged.emit()
            except ProfileError:
                pass
        self.reset.emit()
        self.autosave()

    def discard_session(self):
        """Delete the autosaved session of these files."""
        for p in (self.session_path, self.meta_path()):
            if p and p.exists():
                try:
                    os.unlink(p)
                except OSError:
                    pass

    def all_results(self) -> list[DocumentResult]:
        """The review results of every document, in order."""
        return [d.result for d in self.docs]
