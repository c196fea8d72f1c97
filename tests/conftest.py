"""Shared fixtures: a sample profile, small rendered pages, one detector per test session."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import cv2
import numpy as np
import pytest

from redaction.profile import Profile

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]


def cjk_font_path() -> str:
    for path in FONT_CANDIDATES:
        if os.path.exists(path):
            return path
    raise RuntimeError("no CJK font installed: .ci/run installs fonts-noto-cjk")


def render_page(lines, size=(1654, 1169), font_px=34, color=(0, 0, 0)):
    """A white page with text lines [(x, y, text) or (x, y, text, px, rgb)]; returns BGR."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    fonts = {}
    for item in lines:
        x, y, text = item[:3]
        px = item[3] if len(item) > 3 else font_px
        rgb = item[4] if len(item) > 4 else color
        if px not in fonts:
            fonts[px] = ImageFont.truetype(cjk_font_path(), px)
        draw.text((x, y), text, font=fonts[px], fill=rgb)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def text_box(x, y, text, font_px=34):
    """Tight ink box of `text` drawn at (x, y), as render_page draws it."""
    from PIL import ImageFont

    font = ImageFont.truetype(cjk_font_path(), font_px)
    x0, y0, x1, y1 = font.getbbox(text)
    return (x + x0, y + y0, x + x1, y + y1)


def write_image(path: Path, bgr: np.ndarray, ext: str = ".jpg") -> Path:
    ok, buf = cv2.imencode(ext, bgr)
    assert ok
    path.parent.mkdir(parents=True, exist_ok=True)
    buf.tofile(str(path))
    return path


@pytest.fixture(scope="session")
def profile() -> Profile:
    return Profile(name="阿依古丽·买买提", aliases=("阿依古丽",),
                   employers=("阿克苏地区生态环境局", "阿克苏地区环境监测站"))


@pytest.fixture(scope="session")
def detector():
    from redaction.propose import Detector

    return Detector()


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts = []

    def refuse(self, *args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, *a))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(None, *a))
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"
