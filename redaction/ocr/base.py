"""What every OCR engine is: the `OcrEngine` Protocol, its `TextLine`, the reading settings all
engines share, and the ONNX Runtime session and thread settings of the process."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from redaction.model.types import BoxF, Floats, Image

if TYPE_CHECKING:
    import onnxruntime

#: Long-side limit for text *detection*; recognition still reads full-resolution crops.
DET_LIMIT = 1536
#: Keep low-confidence lines: a half-read name still matches fuzzily (recall first).
TEXT_SCORE = 0.3
#: Detection keeps line boxes whose mean text probability is at least this (PP-OCR: 0.5). At 0.5 a
#: signature line (本人签名： + a handwritten name in blue) went undetected on a corpus page;
#: recognition's TEXT_SCORE still drops boxes that read as nothing.
DET_BOX_THRESH = 0.4
#: Boxes scoring from this up to DET_BOX_THRESH are dropped as lines but kept aside (an engine's
#: `weak_boxes`): where two close lines ran into one blob at detection size (page_text.merged_lines).
WEAK_BOX_THRESH = 0.15
#: Text lines per recognition call (PP-OCR: 6); see RapidOcrEngine.
REC_BATCH = 1


@dataclass
class TextLine:
    """One line of text read on a page: its quad, text, confidence and a box per character."""

    quad: Floats                           # (4, 2) float32 corners in page pixels, clockwise from top-left
    text: str
    score: float
    char_boxes: list[BoxF] = field(default_factory=list)  # one per char
    source: str = "page"                   # "page" (red channel) or "red" (red-ink pass)

    @property
    def bbox(self) -> BoxF:
        """The quad's axis-aligned bounding box."""
        xs, ys = self.quad[:, 0], self.quad[:, 1]
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    @property
    def height(self) -> float:
        """Mean length of the quad's left and right sides."""
        q = self.quad
        return float((np.linalg.norm(q[3] - q[0]) + np.linalg.norm(q[2] - q[1])) / 2)


class OcrEngine(Protocol):
    """Reads text lines from a BGR image. One instance per process; `read` must be thread-safe."""

    name: str

    def read(self, image: Image, quads: list[Floats] | None = None) -> list[TextLine]:
        """Text lines of `image`; given `quads` (from `detect_boxes`), recognition only."""
        ...

    def detect_boxes(self, image: Image) -> list[Floats]:
        """Text-line quads (4×2 float32) of `image`, without recognition."""
        ...

    def upside_down(self, crops: list[Image]) -> list[float]:
        """Probability that each text-line crop is turned by 180°."""
        ...

    def recognize(self, crops: list[Image]) -> list[tuple[str, float]]:
        """(text, score) of images that are each one text line. An engine without recognition on
        its own raises NotImplementedError (callers then read each crop as a page)."""
        ...

    def char_alternatives(self, image: Image, quad: Floats, top: int = 5) -> list[tuple[str, dict[str, float]]]:
        """Read one line of `image` (its quad as detected) again, keeping for each character read
        the recogniser's runners-up at that place (character → probability), and for each stretch
        read as nothing ("", its runners-up): a second look at a name that missed by one
        character. An engine that cannot raises NotImplementedError."""
        ...

    def characters(self) -> frozenset[str]:
        """Every character recognition can output (its dictionary). A name's character outside it
        (甦, 翀: rare in names, absent from PP-OCR's 6,623) can never be read, so matching lets
        any one character, or none, stand for it."""
        ...


def char_weight(ch: str) -> float:
    """Typical width of a character in a line: CJK 1, Latin letters and digits 0.5."""
    return 0.5 if ord(ch) < 0x2E80 else 1.0


def proportional_char_boxes(quad: Floats, text: str) -> list[BoxF]:
    """Split a line box among its characters by typical width (CJK 1, Latin/digits 0.5)."""
    x0, y0 = quad[:, 0].min(), quad[:, 1].min()
    x1, y1 = quad[:, 0].max(), quad[:, 1].max()
    weights = np.array([char_weight(c) for c in text], dtype=np.float64)
    if not len(weights):
        return []
    edges = x0 + (x1 - x0) * np.concatenate([[0], np.cumsum(weights)]) / weights.sum()
    return [(float(edges[i]), float(y0), float(edges[i + 1]), float(y1)) for i in range(len(text))]



_THREADS = -1


def set_threads(threads: int) -> None:
    """ONNX Runtime threads per engine created from now on (-1: all cores). Worker processes of
    a batch split the cores between them instead of each claiming all of them."""
    global _THREADS
    _THREADS = threads


def inference_threads() -> int:
    """ONNX Runtime threads for sessions created now (-1: all cores); faces follow the OCR."""
    return _THREADS


def onnx_session(model_path: str | Path, threads: int | None = None) -> onnxruntime.InferenceSession:
    """An ONNX Runtime CPU session for a vendored model, on `threads` inference threads (None: the
    process's share, `inference_threads`; -1: all cores), warnings off."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    threads = inference_threads() if threads is None else threads
    if threads > 0:
        options.intra_op_num_threads = threads
    return ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])


class LazySession:
    """An ONNX Runtime session for a vendored model, loaded on first use; `get` is thread-safe
    (a session's `run` is too, so one instance serves every worker thread)."""

    def __init__(self, model_path: str | Path, threads: int | None = None):
        self.model_path = Path(model_path)
        self._threads = threads
        self._session: onnxruntime.InferenceSession | None = None
        self._lock = threading.Lock()
        self.input_name = ""

    def get(self) -> onnxruntime.InferenceSession:
        """The session (loaded now if it is not yet)."""
        if self._session is not None:
            return self._session
        with self._lock:
            if self._session is None:
                session = onnx_session(self.model_path, self._threads)
                self.input_name = session.get_inputs()[0].name
                self._session = session   # last: other threads take a set session as ready
        return self._session

