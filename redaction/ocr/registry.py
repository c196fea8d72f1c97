"""One engine per process and name: `get_engine("rapid" | "paddle")`."""

from __future__ import annotations

import threading

from redaction.ocr import base
from redaction.ocr.base import OcrEngine

_ENGINES: dict[str, OcrEngine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(name: str = "rapid") -> OcrEngine:
    """One engine per process and name (model load is the expensive part)."""
    with _ENGINES_LOCK:
        if name not in _ENGINES:
            if name == "rapid":
                from redaction.ocr.rapid import RapidOcrEngine

                _ENGINES[name] = RapidOcrEngine(threads=base.inference_threads())
            elif name == "paddle":
                from redaction.ocr.paddle import PaddleOcrEngine  # optional extra [paddle]
                _ENGINES[name] = PaddleOcrEngine(threads=base.inference_threads())
            else:
                raise ValueError(f"unknown OCR engine '{name}' (choose: rapid, paddle)")
        return _ENGINES[name]
