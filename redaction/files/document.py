"""Load images and PDFs into upright BGR pages, with clear errors for anything unreadable.

Every file is read as bytes (np.fromfile works on any path, Chinese ones on Windows included) and
decoded from memory; image headers are checked against a pixel limit before anything is decoded.
PDF pages are rendered one at a time, so a 500-page PDF never sits in memory whole.

Phone photos: WebP goes the JPEG way (OpenCV decodes, the EXIF orientation is applied here).
HEIC/HEIF (an iPhone's default) is decoded by libheif through pillow-heif's Pillow plugin: the
primary image only, with the container's rotation/mirror (irot/imir) applied by libheif; the
plugin resets the EXIF orientation tag to 1 in the same step, so it is never applied twice.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import cv2
import numpy as np

from redaction.model.types import Image

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = IMAGE_SUFFIXES + PDF_SUFFIXES

#: Refuse images (and rendered PDF pages) above this many pixels: an A3 scan at 600 dpi is 70 MP.
MAX_PIXELS = 120_000_000
#: Refuse files larger than this many bytes before reading them.
MAX_FILE_BYTES = 512 * 1024 * 1024
DEFAULT_DPI = 200


class DocumentError(Exception):
    """A file that cannot be read; the message is one line, fit to show a person."""


@dataclass
class Page:
    """One page of a document as pixels, with where it came from."""

    pixels: Image               # H x W x 3, uint8, BGR, C-contiguous, upright as displayed
    source: Path
    index: int                  # 0-based page number in its document
    page_count: int
    dpi: int | None             # render resolution for PDFs, the file's own for images when known

    @property
    def width(self) -> int:
        """Width in pixels."""
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        """Height in pixels."""
        return int(self.pixels.shape[0])

    @property
    def effective_dpi(self) -> int:
        """Resolution to size physical things (seals, padding) by; A4-width guess when unknown."""
        if self.dpi:
            return int(self.dpi)
        return int(round(max(72, min(600, min(self.width, self.height) / 8.27))))


@dataclass(frozen=True)
class InputFile:
    """An input file, and the relative path its outputs are named after."""

    path: Path      # as given or found by walking
    rel: Path       # relative path used for output naming (keeps sub-folders of a walked folder)


def is_supported(path: Path) -> bool:
    """Whether the file's suffix is one of the image or PDF types read here."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def collect_inputs(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> list[InputFile]:
    """Files and folders (walked recursively, sorted) → supported input files, in order.

    Anything under an `exclude` folder (the output folder) is skipped, so a run whose output folder
    sits inside its input folder never reads its own outputs. Missing paths raise FileNotFoundError.
    """
    excluded = [Path(e).resolve() for e in exclude]

    def skipped(p: Path) -> bool:
        rp = p.resolve()
        return any(rp == e or e in rp.parents for e in excluded)

    found: list[InputFile] = []
    seen: set[Path] = set()
    for raw in paths:
        root = Path(raw)
        if not root.exists():
            raise FileNotFoundError(str(root))
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames.sort()
                if skipped(Path(dirpath)):
                    dirnames[:] = []
                    continue
                for name in sorted(filenames):
                    p = Path(dirpath) / name
                    if is_supported(p) and not skipped(p) and p.resolve() not in seen:
                        seen.add(p.resolve())
                        found.append(InputFile(p, p.relative_to(root)))
        elif root.resolve() not in seen:
            seen.add(root.resolve())
            found.append(InputFile(root, Path(root.name)))
    return found


def read_bytes(path: Path) -> bytes:
    """The whole file, after checking its size (raises DocumentError)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"cannot open file: {exc.strerror or exc}") from None
    if size == 0:
        raise DocumentError("empty file (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise DocumentError(f"file too large ({size / 2**20:.0f} MB; limit {MAX_FILE_BYTES / 2**20:.0f} MB)")
    try:
        return np.fromfile(str(path), dtype=np.uint8).tobytes()
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}") from None


def page_count(path: Path) -> int:
    """Number of pages without decoding pixels (raises DocumentError)."""
    path = Path(path)
    data = read_bytes(path)
    if _looks_like_pdf(path, data):
        doc = _open_pdf(data)
        try:
            return int(doc.page_count)
        finally:
            doc.close()
    return _image_info(data)[1]


def iter_pages(path: str | Path, dpi: int = DEFAULT_DPI, start: int = 0) -> Iterator[Page]:
    """Yield the pages of one file from page `start` on, upright, as BGR arrays.
    Raises DocumentError. PDF pages before `start` are not rendered at all."""
    path = Path(path)
    if not is_supported(path):
        raise DocumentError(f"unsupported file type '{path.suffix}' (supported: "
                            + " ".join(SUPPORTED_SUFFIXES) + ")")
    data = read_bytes(path)
    if _looks_like_pdf(path, data):
        yield from _iter_pdf_pages(path, data, dpi, start)
    else:
        for page in _iter_image_pages(path, data):
            if page.index >= start:
                yield page


def load_pages(path: str | Path, dpi: int = DEFAULT_DPI) -> list[Page]:
    """Every page of one file (raises DocumentError)."""
    return list(iter_pages(path, dpi))


def load_page(path: str | Path, index: int, dpi: int = DEFAULT_DPI) -> Page:
    """One page by its 0-based index (random access for viewers); raises DocumentError."""
    for page in iter_pages(path, dpi, start=index):
        return page
    raise DocumentError(f"page {index + 1} does not exist")


# --- images ----------------------------------------------------------------------------------

_heif_registered = False


def _pil() -> ModuleType:
    """PIL.Image, with our own pixel limit in charge and the HEIC/HEIF opener registered."""
    global _heif_registered
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # we apply our own limit, with our own message
    if not _heif_registered:
        try:
            from pillow_heif import register_heif_opener
        except ImportError:
            pass  # HEIC then gets the clear message of _image_info
        else:
            # Embedded thumbnails, depth and auxiliary images are never used: only the primary image.
            register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
        _heif_registered = True
    return Image


def _looks_like_heif(data: bytes) -> bool:
    """An ISO base media file whose brand is one of HEIF's (HEIC, HEIF, their sequences)."""
    return data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx",
                                                   b"mif1", b"msf1", b"mif2")


def _unopenable(data: bytes, exc: Exception) -> DocumentError:
    """The error for a file Pillow cannot open: a WebP or HEIC whose header is recognisable is a
    damaged photo (with libheif's own reason for a HEIC), anything else not an image at all."""
    if _looks_like_heif(data):
        try:
            import pillow_heif
        except ImportError:
            return DocumentError("HEIC/HEIF support is not installed (pip install pillow-heif)")
        try:
            pillow_heif.open_heif(io.BytesIO(data))
        except Exception as heif_exc:  # Pillow's own message ("cannot identify image file") says less
            exc = heif_exc
        return DocumentError(f"image data is damaged or truncated ({_short(exc)})")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return DocumentError(f"image data is damaged or truncated ({_short(exc)})")
    return DocumentError(f"not a readable image ({_short(exc)})")


def _image_info(data: bytes) -> tuple[tuple[int, int], int, int, int | None, str]:
    """(size, frame count, EXIF orientation, dpi, Pillow format) from the header alone; checks
    the pixel limit. For HEIF the size is the displayed (rotated) one and the orientation 1."""
    Image = _pil()
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
            fmt = im.format or ""
            # Only TIFF pages are pages: the extra pictures of a camera's MPO JPEG are previews,
            # the other top-level images of a HEIC (bursts, edits) are not the photo shown.
            frames = getattr(im, "n_frames", 1) if fmt == "TIFF" else 1
            try:
                orientation = int(im.getexif().get(0x0112, 1))
            except Exception:
                orientation = 1
            if fmt == "HEIF":
                # libheif applies the container's irot/imir when decoding (and reports the size
                # after them); pillow-heif has already reset the EXIF tag to 1. Never twice.
                orientation = 1
            dpi = im.info.get("dpi")
    except Exception as exc:
        raise _unopenable(data, exc) from None
    if width <= 0 or height <= 0:
        raise DocumentError("image has no pixels")
    if width * height > MAX_PIXELS:
        raise DocumentError(f"image too large ({width}×{height} = {width * height / 1e6:.0f} MP; "
                            f"limit {MAX_PIXELS / 1e6:.0f} MP): scan at a lower resolution")
    try:
        dpi_value = int(round(float(dpi[0]))) if dpi else None
        if dpi_value is not None and not 50 <= dpi_value <= 1200:
            dpi_value = None
    except (TypeError, ValueError):
        dpi_value = None
    return (width, height), max(1, int(frames)), orientation, dpi_value, fmt


def _iter_image_pages(path: Path, data: bytes) -> Iterator[Page]:
    (width, height), frames, orientation, dpi, fmt = _image_info(data)
    if fmt == "HEIF":
        # Never through OpenCV: a decoder that ignored the container's rotation would hand back
        # a sideways photo with nothing left to say so.
        pixels = _decode_heif(data)
        if pixels.shape[:2] != (height, width):
            raise DocumentError(f"image data is damaged (decoded {pixels.shape[1]}×{pixels.shape[0]}, "
                                f"header says {width}×{height})")
        yield Page(np.ascontiguousarray(pixels), path, 0, 1, dpi)
        return
    buf = np.frombuffer(data, dtype=np.uint8)
    if frames == 1:
        mat = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        mats: Sequence[np.ndarray] = [mat] if mat is not None else _decode_frames_with_pillow(data)
        if not mats:
            raise DocumentError("image data is damaged or truncated")
        pixels = _to_bgr8(mats[0])
        if orientation != 1:
            pixels = apply_exif_orientation(pixels, orientation)
        yield Page(np.ascontiguousarray(pixels), path, 0, 1, dpi)
        return
    # Multi-page TIFF: one frame decoded at a time (a 300-page scan is never held whole), each
    # frame's size checked against the pixel limit before it is decoded.
    sizes = _frame_sizes(data, frames)
    for i in range(frames):
        w, h = sizes[i]
        if w * h > MAX_PIXELS:
            raise DocumentError(f"page {i + 1} too large ({w}×{h} = {w * h / 1e6:.0f} MP; "
                                f"limit {MAX_PIXELS / 1e6:.0f} MP): scan at a lower resolution")
        ok, mats = cv2.imdecodemulti(buf, cv2.IMREAD_UNCHANGED, None, (i, i + 1))
        mat = mats[0] if ok and mats else None
        if mat is None:
            mat = _decode_frame_with_pillow(data, i)
        pixels = _to_bgr8(mat)
        if i == 0 and orientation != 1:
            pixels = apply_exif_orientation(pixels, orientation)
        yield Page(np.ascontiguousarray(pixels), path, i, frames, dpi)
        del mat, mats, pixels


def _frame_sizes(data: bytes, frames: int) -> list[tuple[int, int]]:
    """(width, height) of every frame of a multi-frame image, from its headers alone."""
    Image = _pil()

    try:
        with Image.open(io.BytesIO(data)) as im:
            sizes = []
            for i in range(frames):
                im.seek(i)
                sizes.append(tuple(im.size))
            return sizes
    except Exception as exc:
        raise DocumentError(f"image data is damaged or truncated ({_short(exc)})") from None


def _decode_heif(data: bytes) -> np.ndarray:
    """The primary image of a HEIC/HEIF, upright, as 8-bit BGR (alpha on white); raises DocumentError."""
    Image = _pil()
    try:
        with Image.open(io.BytesIO(data)) as im:
            # Image.open stands on the primary image; 10/12-bit photos arrive as 8 bits.
            rgb = im.convert("RGBA" if "A" in im.mode else "RGB")
            arr = np.asarray(rgb)
    except Exception as exc:
        raise DocumentError(f"image data is damaged or truncated ({_short(exc)})") from None
    code = cv2.COLOR_RGBA2BGRA if arr.shape[2] == 4 else cv2.COLOR_RGB2BGR
    return _to_bgr8(cv2.cvtColor(arr, code))


def _decode_frame_with_pillow(data: bytes, index: int) -> np.ndarray:
    """One frame of a multi-frame file OpenCV refuses; raises DocumentError on damage."""
    Image = _pil()

    try:
        with Image.open(io.BytesIO(data)) as im:
            im.seek(index)
            rgb = im.convert("RGB")
            return cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2BGR)
    except Exception as exc:
        raise DocumentError(f"page {index + 1}: image data is damaged or truncated ({_short(exc)})") from None


def _decode_frames_with_pillow(data: bytes) -> list[np.ndarray]:
    """Fallback for files OpenCV refuses (some CMYK/palette TIFFs); raises on damage."""
    from PIL import ImageSequence

    Image = _pil()

    try:
        with Image.open(io.BytesIO(data)) as im:
            out = []
            for frame in ImageSequence.Iterator(im):
                rgb = frame.convert("RGB")
                out.append(cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2BGR))
            return out
    except Exception as exc:
        raise DocumentError(f"image data is damaged or truncated ({_short(exc)})") from None


def _to_bgr8(mat: np.ndarray) -> np.ndarray:
    """Any decoded image (gray, 16-bit, float, alpha) → 8-bit BGR; alpha is composited on white."""
    if mat.dtype == np.uint16:
        mat = (mat >> 8).astype(np.uint8)
    elif mat.dtype in (np.float32, np.float64):
        top = float(mat.max()) if mat.size else 1.0
        mat = np.clip(mat * (255.0 if top <= 1.0 else 1.0), 0, 255).astype(np.uint8)
    elif mat.dtype != np.uint8:
        # the stubs require `dst`; OpenCV's Python binding takes None and allocates it
        mat = cv2.normalize(mat, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)  # type: ignore[call-overload]
    if mat.ndim == 2:
        return cv2.cvtColor(mat, cv2.COLOR_GRAY2BGR)
    channels = mat.shape[2]
    if channels == 1:
        return cv2.cvtColor(mat[:, :, 0], cv2.COLOR_GRAY2BGR)
    if channels == 2:  # gray + alpha
        gray, alpha = mat[:, :, 0].astype(np.float32), mat[:, :, 1:2].astype(np.float32) / 255.0
        flat = (gray[:, :, None] * alpha + 255.0 * (1 - alpha)).astype(np.uint8)
        return cast(np.ndarray, cv2.cvtColor(flat[:, :, 0], cv2.COLOR_GRAY2BGR))
    if channels == 4:
        alpha = mat[:, :, 3:4].astype(np.float32) / 255.0
        return cast(np.ndarray, (mat[:, :, :3].astype(np.float32) * alpha + 255.0 * (1 - alpha)).astype(np.uint8))
    return mat[:, :, :3]


def apply_exif_orientation(pixels: np.ndarray, orientation: int) -> np.ndarray:
    """EXIF orientation tag (1–8) → the upright image a viewer shows."""
    ops: dict[int, Callable[[np.ndarray], np.ndarray]] = {
        2: lambda a: a[:, ::-1],
        3: lambda a: a[::-1, ::-1],
        4: lambda a: a[::-1, :],
        5: lambda a: np.swapaxes(a, 0, 1),
        6: lambda a: np.rot90(a, -1),
        7: lambda a: np.rot90(a, 1)[::-1, ::-1],
        8: lambda a: np.rot90(a, 1),
    }
    op = ops.get(orientation)
    return np.ascontiguousarray(op(pixels)) if op else pixels


# --- PDF -------------------------------------------------------------------------------------

def _looks_like_pdf(path: Path, data: bytes) -> bool:
    return path.suffix.lower() == ".pdf" or data[:5] == b"%PDF-"


def _open_pdf(data: bytes) -> Any:
    """The PDF as a pymupdf.Document (typed Any: pymupdf's methods carry no annotations)."""
    import pymupdf

    try:
        doc: Any = pymupdf.open(stream=data, filetype="pdf")  # type: ignore[no-untyped-call]  # pymupdf: no annotations
    except Exception as exc:
        raise DocumentError(f"damaged PDF, cannot be opened ({_short(exc)})") from None
    if doc.needs_pass or doc.is_encrypted:
        doc.close()
        raise DocumentError("encrypted PDF (password protected): save an unprotected copy and try again")
    if doc.page_count == 0:
        repaired = bool(getattr(doc, "is_repaired", False))
        doc.close()
        raise DocumentError("damaged PDF, no pages could be found" if repaired else "PDF has no pages")
    return doc


def _iter_pdf_pages(path: Path, data: bytes, dpi: int, start: int = 0) -> Iterator[Page]:
    import pymupdf

    doc = _open_pdf(data)
    # A PDF that MuPDF had to repair (truncated, overwritten) may render pages with parts silently
    # missing; a page whose rendering then reports a problem is refused rather than exported
    # incomplete (nothing of an attachment may be lost without a word).
    repaired = bool(getattr(doc, "is_repaired", False))
    try:
        count = doc.page_count
        for i in range(max(0, start), count):
            try:
                if repaired:
                    pymupdf.TOOLS.mupdf_warnings(reset=True)  # type: ignore[no-untyped-call]  # pymupdf: no annotations
                page = doc.load_page(i)
                rect = page.rect
                pixels_needed = (rect.width * dpi / 72.0) * (rect.height * dpi / 72.0)
                if pixels_needed > MAX_PIXELS:
                    raise DocumentError(f"page {i + 1} too large to render at {dpi} dpi "
                                        f"({pixels_needed / 1e6:.0f} MP): use a lower --dpi")
                # Only pixels leave a PDF: annotations are drawn, text layers are not kept.
                pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False, annots=True)
                rgb = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width, pix.n)
                bgr: np.ndarray = cv2.cvtColor(rgb[:, :, :3], cv2.COLOR_RGB2BGR)
                if repaired:
                    warnings = pymupdf.TOOLS.mupdf_warnings(reset=True)  # type: ignore[no-untyped-call]  # pymupdf: no annotations
                    problems = [w for w in warnings.splitlines() if w.strip()]
                    if problems:
                        raise DocumentError(f"damaged PDF (truncated or corrupt): page {i + 1} cannot be "
                                            f"rendered completely ({_short(Exception(problems[0]))})")
            except DocumentError:
                raise
            except Exception as exc:
                raise DocumentError(f"damaged PDF: page {i + 1} cannot be rendered ({_short(exc)})") from None
            yield Page(bgr, path, i, count, dpi)
    finally:
        doc.close()


def _short(exc: Exception) -> str:
    """The exception's message on one line, without object addresses (Pillow's "cannot identify
    image file <_io.BytesIO object at 0x7f…>"): the same file gives the same message in every
    process, so the audit's ledger agrees between runs and workers."""
    text = re.sub(r"\s*<[\w.]+ object at 0x[0-9a-fA-F]+>", "", str(exc))
    text = " ".join(text.split()) or type(exc).__name__
    return text[:160]
