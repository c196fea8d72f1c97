"""The contract's proposals JSON: documents → pages → regions; load, save, review state."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from redaction.model.kinds import REQUIRED_KINDS
from redaction.model.regions import Region

JSON_VERSION = 1

#: Page decisions (an extension of the contract; the platform asks "是否需要遮盖" for every page).
DECISIONS = ("confirmed", "no_mask")


@dataclass
class PageResult:
    """One page of a document: its size, its regions and the reviewer's decision."""

    index: int
    width: int
    height: int
    dpi: int | None
    regions: list[Region] = field(default_factory=list)
    output: str | None = None
    decision: str | None = None   # None (undecided), "confirmed" or "no_mask"
    rotation: int = 0             # clockwise degrees applied to make the page upright

    def accepted(self) -> list[Region]:
        """The regions to mask."""
        return [r for r in self.regions if r.accepted]


@dataclass
class DocumentResult:
    """One input document: its path, its pages, or the error that stopped it."""

    path: str
    error: str | None = None
    pages: list[PageResult] = field(default_factory=list)


class ReviewFileError(ValueError):
    """A proposals file that cannot be read."""


def region_to_json(r: Region) -> dict[str, Any]:
    """A region as the contract's JSON object."""
    d: dict[str, Any] = {"kind": r.kind, "bbox": [int(v) for v in r.bbox], "score": round(float(r.score), 4),
         "text": r.text, "accepted": bool(r.accepted)}
    if r.source != "auto":
        d["source"] = r.source
    if r.extra.get("evidence"):
        d["evidence"] = str(r.extra["evidence"])   # verify: why this is a finding
    return d


def region_from_json(d: dict[str, Any]) -> Region:
    """A region from its JSON object; `ReviewFileError` if it is malformed."""
    try:
        kind = str(d["kind"])
        bbox = tuple(int(round(float(v))) for v in d["bbox"])
        if len(bbox) != 4:
            raise ValueError("bbox needs 4 numbers")
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise ReviewFileError(f"bad region {d!r}: {exc}") from None
    x0, y0, x1, y1 = bbox
    bbox = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    accepted = d.get("accepted")
    if accepted is None:
        accepted = kind in REQUIRED_KINDS
    return Region(kind=kind, bbox=bbox, score=float(d.get("score", 1.0) or 0.0), text=d.get("text"),
                  accepted=bool(accepted), source=str(d.get("source", "auto")))


def to_json(documents: list[DocumentResult]) -> dict[str, Any]:
    """The proposals JSON of `documents`."""
    docs = []
    for doc in documents:
        pages = []
        for p in doc.pages:
            page: dict[str, Any] = {"index": p.index, "width": p.width, "height": p.height, "dpi": p.dpi,
                    "regions": [region_to_json(r) for r in p.regions]}
            if p.output is not None:
                page["output"] = p.output
            if p.decision is not None:
                page["decision"] = p.decision
            if p.rotation:
                page["rotation"] = p.rotation
            pages.append(page)
        docs.append({"path": doc.path, "error": doc.error, "pages": pages})
    return {"version": JSON_VERSION, "documents": docs}


def from_json(data: dict[str, Any]) -> list[DocumentResult]:
    """Documents from proposals JSON; `ReviewFileError` if it is not a valid proposals file."""
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ReviewFileError("not a BlindMask proposals file (no 'documents' list)")
    if data.get("version", JSON_VERSION) != JSON_VERSION:
        raise ReviewFileError(f"unsupported proposals version {data.get('version')!r}")
    out = []
    for d in data["documents"]:
        try:
            pages = [PageResult(index=int(p["index"]), width=int(p["width"]), height=int(p["height"]),
                                dpi=p.get("dpi"), regions=[region_from_json(r) for r in p.get("regions", [])],
                                output=p.get("output"), decision=p.get("decision"),
                                rotation=int(p.get("rotation", 0)))
                     for p in d.get("pages", [])]
            out.append(DocumentResult(path=str(d["path"]), error=d.get("error"), pages=pages))
        except (KeyError, TypeError, ValueError) as exc:
            raise ReviewFileError(f"bad document entry: {exc}") from None
    return out


def dumps(documents: list[DocumentResult]) -> str:
    """The proposals JSON of `documents` as text."""
    return json.dumps(to_json(documents), ensure_ascii=False, indent=2)
